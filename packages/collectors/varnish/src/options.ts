import { option } from '@spinel/sdk';

export const options = {
  bin: option.string('/usr/bin/varnishstat', 'The varnishstat binary.'),
  use_sudo: option.boolean(false, 'Run it through sudo_cmd.'),
  sudo_cmd: option.string('/usr/bin/sudo', 'The sudo binary.'),
  args: option.stringList([], 'Arguments before `-1` (`-n <name>` for a varnishd instance that is not the default): none, as Diamond ran it.'),
  command_timeout: option.number(5, 'Seconds varnishstat may take.', { min: 0.1 }),
};

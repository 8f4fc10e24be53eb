import { option } from '@spinel/sdk';

export const options = {
  bin: option.string('/usr/bin/chronyc', 'The chronyc binary.'),
  use_sudo: option.boolean(false, 'Run it through sudo_cmd.'),
  sudo_cmd: option.string('/usr/bin/sudo', 'The sudo binary.'),
  args: option.stringList([], "Arguments before `sourcestats` (`-h`, `-p` to ask a chronyd that is not the host's default): none, as Diamond ran it."),
  command_timeout: option.number(5, 'Seconds chronyc may take.', { min: 0.1 }),
};

import { option } from '@spinel/sdk';

export const options = {
  ntpq_bin: option.string('/usr/bin/ntpq', 'The ntpq binary (ntp or ntpsec).'),
  ntpdc_bin: option.string('/usr/bin/ntpdc', 'The ntpdc binary (classic ntp only; ntpsec has none, and then the kernel and system figures are left out).'),
  use_sudo: option.boolean(false, 'Run them through sudo_cmd.'),
  sudo_cmd: option.string('/usr/bin/sudo', 'The sudo binary.'),
  command_timeout: option.number(5, 'Seconds each command may take.', { min: 0.1 }),
};

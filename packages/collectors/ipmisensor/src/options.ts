import { option } from '@spinel/sdk';

export const options = {
  bin: option.string('/usr/bin/ipmitool', 'The ipmitool binary.'),
  use_sudo: option.boolean(false, 'Run it through sudo_cmd when the agent is not root (ipmitool needs /dev/ipmi0).'),
  sudo_cmd: option.string('/usr/bin/sudo', 'The sudo binary.'),
  thresholds: option.boolean(false, "Publish each sensor's thresholds too: `<sensor>.Reading`, `<sensor>.Lower.Critical`, ... instead of `<sensor>`."),
  delimiter: option.string('.', "What a space in a sensor's name becomes (a `.` in it becomes `_`)."),
  command_timeout: option.number(15, 'Seconds ipmitool may take (a BMC answers slowly: several seconds for a full sensor list is common).', { min: 0.1 }),
};

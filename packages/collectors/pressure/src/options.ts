import { option } from '@spinel/sdk';

export const options = {
  resources: option.enumList(['cpu', 'memory', 'io', 'irq'], ['cpu', 'memory', 'io'], 'PSI files under /proc/pressure to read.'),
};

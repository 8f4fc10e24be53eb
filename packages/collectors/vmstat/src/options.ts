import { option } from '@spinel/sdk';

export const options = {
  fields: option.stringList(['pgfault', 'pgmajfault', 'pgpgin', 'pgpgout', 'pswpin', 'pswpout'], '/proc/vmstat counters published as per-second rates.'),
};

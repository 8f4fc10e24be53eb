import { option } from '@spinel/sdk';

export const options = {
  percore: option.boolean(true, 'Publish every core (cpu0, cpu1, ...) as well as the total.'),
  normalize: option.boolean(false, 'Divide the total by the number of cores, so total.* sums to about 100.'),
  simple: option.boolean(false, 'Publish only `percent`, the busy share of all cores.'),
  include_cpu_pct: option.boolean(
    false,
    "Publish `percent` beside the per-state rates (Metricly's agent: on by default there, and `spinel config import` turns it on for a Metricly config that does not say).",
  ),
  xenfix: option.enum(
    ['auto', 'true', 'false', 'True', 'False'],
    'auto',
    "Diamond's fix for Xen guests whose kernel counts idle time twice (Red Hat bug 624756): halve every idle rate. auto: when /proc/xen exists and cpu0's rates sum past 110.",
  ),
};

import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'minutes', type: 'gauge', unit: 'minutes', description: "Time since boot, in minutes (Diamond's default `metric_name`)." },
  { name: 'hours', type: 'gauge', unit: 'hours', description: 'Time since boot, in hours (`metric_name: hours`).', enabled: false },
  { name: 'days', type: 'gauge', unit: 'days', description: 'Time since boot, in days (`metric_name: days`).', enabled: false },
  { name: 'seconds', type: 'gauge', unit: 'seconds', description: 'Time since boot.' },
  { name: 'idle_seconds', type: 'gauge', unit: 'seconds', description: 'Idle time summed over all CPUs since boot.' },
];

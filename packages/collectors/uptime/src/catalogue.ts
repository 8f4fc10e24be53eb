import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'seconds', type: 'gauge', unit: 'seconds', description: 'Time since boot.' },
  { name: 'idle_seconds', type: 'gauge', unit: 'seconds', description: 'Idle time summed over all CPUs since boot.' },
];

import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{resource}.{kind}.avg10',
    type: 'gauge',
    unit: 'percent',
    description: 'Share of wall time stalled over the last 10 s; {kind} is `some` or `full`.',
  },
  { name: '{resource}.{kind}.avg60', type: 'gauge', unit: 'percent', description: 'Share of wall time stalled over the last 60 s.' },
  { name: '{resource}.{kind}.avg300', type: 'gauge', unit: 'percent', description: 'Share of wall time stalled over the last 300 s.' },
  { name: '{resource}.{kind}.stall_us', type: 'rate', unit: 'microseconds/s', description: 'Stall time per second, from the `total` counter.' },
];

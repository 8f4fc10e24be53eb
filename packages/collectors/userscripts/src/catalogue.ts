import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{name*}',
    type: 'gauge',
    unit: 'as printed',
    description: 'Each `name value` line a script prints, under the name it printed (the collector path is `.`: none).',
  },
];

import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{key*}',
    type: 'gauge',
    unit: 'value',
    description:
      "Every numeric value of the document under its keys' path (`status._total.2xx`; list items by index); booleans as 1 and 0, whole-number text as its number.",
  },
];

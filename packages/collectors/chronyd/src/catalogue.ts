import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{source}.offset_ms',
    type: 'gauge',
    unit: 'milliseconds',
    description:
      "The source's estimated offset from the local clock (chronyc sourcestats' Offset), signed; `source` is its address with `_` for `.`, or its host name's first label.",
  },
];

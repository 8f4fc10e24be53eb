import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{disk}.{priority}.{attribute}.value',
    type: 'gauge',
    unit: 'normalised',
    description: "The attribute's normalised VALUE (usually 1-253, higher is better); `priority` is `pre-fail` or `old_age`.",
  },
  { name: '{disk}.{priority}.{attribute}.worst', type: 'gauge', unit: 'normalised', description: 'The lowest VALUE the disk has recorded.' },
  { name: '{disk}.{priority}.{attribute}.thresh', type: 'gauge', unit: 'normalised', description: 'The THRESH at or below which VALUE means failing.' },
  {
    name: '{disk}.{priority}.{attribute}.raw_val',
    type: 'gauge',
    unit: 'vendor',
    description: "RAW_VALUE's first number (hours, degrees, counts: the vendor's unit); `a/b` is 100*(a/b) in whole-number division, as Diamond computed it.",
  },
];

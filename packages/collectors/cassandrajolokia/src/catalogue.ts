import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{attribute*}.p{percentile}',
    type: 'gauge',
    unit: 'microseconds',
    description: "A latency histogram's percentile (`percentiles`), half its bucket's width as Diamond computed it.",
  },
  {
    name: '{attribute*}',
    type: 'gauge',
    unit: 'as the MBean reports it',
    description: 'A numeric MBean attribute (or a number inside a composite one), named from the MBean and the attribute path (`naming`).',
  },
];

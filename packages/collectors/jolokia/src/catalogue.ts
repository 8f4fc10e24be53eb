import type { Catalogue } from '@spinel/sdk';

/** MBean attributes are whatever the JVM registers; each is published raw, as Diamond did. */
export const catalogue: Catalogue = [
  {
    name: '{attribute*}',
    type: 'gauge',
    unit: 'as the MBean reports it',
    description: 'A numeric MBean attribute (or a number inside a composite one), named from the MBean and the attribute path (`naming`).',
  },
];

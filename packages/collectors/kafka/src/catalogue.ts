import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{attribute*}',
    type: 'gauge',
    unit: 'as the MBean reports it',
    description:
      "A numeric attribute of a matched MBean, named from the MBean's key values and the attribute (`GarbageCollector.PSScavenge.CollectionCount`, `kafka.logs.mytopic-1.Size`).",
  },
];

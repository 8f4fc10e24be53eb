import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{cluster}.{group}.{topic}.total',
    type: 'gauge',
    unit: 'messages',
    description: "A topic's lag summed over its partitions, under the cluster named by the ZooKeeper chroot (the Metricly fork's total).",
  },
  {
    name: '{cluster}.{group}.{topic}.{partition}',
    type: 'gauge',
    unit: 'messages',
    description: "A partition's consumer lag (log end offset less the group's offset), under the cluster named by the ZooKeeper chroot.",
  },
  { name: '{group}.{topic}.total', type: 'gauge', unit: 'messages', description: "A topic's lag summed over its partitions (the Metricly fork's total)." },
  { name: '{group}.{topic}.{partition}', type: 'gauge', unit: 'messages', description: "A partition's consumer lag (log end offset less the group's offset)." },
];

import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: 'zookeeper.consumer_groups.{group}.{topic}.{partition}.consumer_offset',
    type: 'gauge',
    unit: 'messages',
    description: "The group's committed offset in the partition (`partition-<n>`).",
  },
  {
    name: 'zookeeper.consumer_groups.{group}.{topic}.{partition}.broker_offset',
    type: 'gauge',
    unit: 'messages',
    description: "The partition's log end offset.",
  },
  {
    name: 'zookeeper.consumer_groups.{group}.{topic}.{partition}.consumer_lag',
    type: 'gauge',
    unit: 'messages',
    description: "The group's lag in the partition.",
  },
  {
    name: 'zookeeper.consumer_groups.{group}.{topic}.{partition}.has_owner',
    type: 'gauge',
    unit: 'boolean',
    description: '1 when a consumer of the group owns the partition, 0 when none does.',
  },
  {
    name: 'zookeeper.{figure}',
    type: 'gauge',
    unit: 'as ZooKeeper reports it',
    description: "A figure of ZooKeeper's `mntr` (`zk_avg_latency`, `zk_outstanding_requests`, ...), as it reports it.",
  },
  {
    name: '{attribute*}',
    type: 'gauge',
    unit: 'as the MBean reports it',
    description: 'A numeric attribute of a Kafka broker MBean, named as the Metricly fork did (`server.BrokerTopicMetrics._all.BytesInPerSec.Count`).',
  },
];

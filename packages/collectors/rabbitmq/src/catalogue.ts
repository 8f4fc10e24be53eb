import type { Catalogue } from '@spinel/sdk';

export const HEALTH = [
  'fd_used',
  'fd_total',
  'mem_used',
  'mem_limit',
  'sockets_used',
  'sockets_total',
  'disk_free_limit',
  'disk_free',
  'proc_used',
  'proc_total',
] as const;

const healthUnits: Record<(typeof HEALTH)[number], string> = {
  fd_used: 'descriptors',
  fd_total: 'descriptors',
  mem_used: 'bytes',
  mem_limit: 'bytes',
  sockets_used: 'sockets',
  sockets_total: 'sockets',
  disk_free_limit: 'bytes',
  disk_free: 'bytes',
  proc_used: 'processes',
  proc_total: 'processes',
};

// Diamond publishes every numeric leaf of the API's JSON as it is (counters included, with
// RabbitMQ's own `_details.rate` beside them), so these are gauges by design.
export const catalogue: Catalogue = [
  ...HEALTH.map((name) => ({
    name: `health.${name}`,
    type: 'gauge' as const,
    unit: healthUnits[name],
    description: `The node's ${name} (GET /api/nodes/<node>).`,
  })),
  { name: 'cluster.partitions', type: 'gauge', unit: 'partitions', description: 'Network partitions this node sees (with `cluster`).', enabled: false },
  { name: 'cluster.nodes', type: 'gauge', unit: 'nodes', description: 'Nodes in the cluster (with `cluster`).', enabled: false },
  {
    name: 'vhosts.{vhost}.queues.{queue}.{key*}',
    type: 'gauge',
    unit: 'value',
    description:
      'Every numeric figure of a queue (`messages`, `messages_ready`, `messages_unacknowledged`, `consumers`, `message_stats.publish_details.rate`, ...), with `vhosts` set.',
  },
  {
    name: 'queues.{queue}.{key*}',
    type: 'gauge',
    unit: 'value',
    description: "Every numeric figure of a queue, without `vhosts` (Diamond's legacy path; the same queue name in two vhosts collides).",
  },
  {
    name: '{key*}',
    type: 'gauge',
    unit: 'value',
    description: 'Every numeric figure of GET /api/overview (`queue_totals.messages`, `object_totals.connections`, `message_stats.publish_details.rate`, ...).',
  },
];

import type { Catalogue, MetricSpec } from '@spinel/sdk';

/** /varz numbers published as they are. */
export const VARZ_GAUGES: ReadonlyArray<readonly [string, string, string]> = [
  ['connections', 'connections', 'Client connections open.'],
  ['subscriptions', 'subscriptions', 'Subscriptions.'],
  ['routes', 'routes', 'Cluster routes.'],
  ['remotes', 'remotes', 'Cluster remotes.'],
  ['leafnodes', 'connections', 'Leaf node connections.'],
  ['mem', 'bytes', 'Resident memory of the server.'],
  ['cpu', 'percent', 'CPU the server used (of one core).'],
];

/** /varz counters published as rates. */
export const VARZ_RATES: ReadonlyArray<readonly [string, string, string]> = [
  ['in_msgs', 'messages/s', 'Messages received from clients.'],
  ['out_msgs', 'messages/s', 'Messages delivered to clients.'],
  ['in_bytes', 'bytes/s', 'Payload bytes received.'],
  ['out_bytes', 'bytes/s', 'Payload bytes delivered.'],
  ['total_connections', 'connections/s', 'Client connections accepted.'],
  ['slow_consumers', 'clients/s', 'Clients disconnected for not keeping up.'],
];

export const JSZ_GAUGES: ReadonlyArray<readonly [string, string, string]> = [
  ['streams', 'streams', 'Streams.'],
  ['consumers', 'consumers', 'Consumers.'],
  ['messages', 'messages', 'Messages stored in streams.'],
  ['bytes', 'bytes', 'Bytes stored in streams.'],
  ['memory', 'bytes', 'Memory used by memory-backed streams.'],
  ['storage', 'bytes', 'Disk used by file-backed streams.'],
];

export const JSZ_RATES: ReadonlyArray<readonly [string, string, string]> = [
  ['api.total', 'requests/s', 'JetStream API requests.'],
  ['api.errors', 'requests/s', 'JetStream API requests that failed.'],
];

export const catalogue: Catalogue = [
  ...VARZ_GAUGES.map(([name, unit, description]): MetricSpec => ({ name, type: 'gauge', unit, description })),
  ...VARZ_RATES.map(([name, unit, description]): MetricSpec => ({ name, type: 'rate', unit, description })),
  { name: 'uptime', type: 'gauge', unit: 'seconds', description: 'Seconds since the server started (from /varz `start` and `now`).' },
  { name: 'connz.total', type: 'gauge', unit: 'connections', description: 'Client connections /connz counts (with `limit=1`, so no connection list is sent).' },
  ...JSZ_GAUGES.map(([name, unit, description]): MetricSpec => ({ name: `jetstream.${name}`, type: 'gauge', unit, description })),
  ...JSZ_RATES.map(([name, unit, description]): MetricSpec => ({ name: `jetstream.${name}`, type: 'rate', unit, description })),
];

import type { Catalogue, MetricSpec } from '@spinel/sdk';

const gauges: Array<[string, string, string]> = [
  ['clients.connected', 'clients', 'Clients connected.'],
  ['clients.active', 'clients', 'Clients connected (older brokers name it active).'],
  ['clients.disconnected', 'clients', 'Persistent clients disconnected.'],
  ['clients.inactive', 'clients', 'Persistent clients disconnected (older name).'],
  ['clients.total', 'clients', 'Clients connected and persistent clients disconnected.'],
  ['clients.maximum', 'clients', 'Most clients connected at once since start.'],
  ['messages.stored', 'messages', 'Messages held, retained ones included.'],
  ['store.messages.count', 'messages', 'Messages held in the store.'],
  ['store.messages.bytes', 'bytes', 'Payload bytes held in the store.'],
  ['retained_messages.count', 'messages', 'Retained messages.'],
  ['subscriptions.count', 'subscriptions', 'Subscriptions.'],
  ['shared_subscriptions.count', 'subscriptions', 'Shared subscriptions.'],
  ['heap.current', 'bytes', "The broker's heap in use."],
  ['heap.maximum', 'bytes', "The broker's largest heap since start."],
  ['uptime', 'seconds', 'Seconds since the broker started.'],
];

const rates: Array<[string, string, string]> = [
  ['messages.received', 'messages/s', 'Messages of every kind received.'],
  ['messages.sent', 'messages/s', 'Messages of every kind sent.'],
  ['bytes.received', 'bytes/s', 'Bytes received.'],
  ['bytes.sent', 'bytes/s', 'Bytes sent.'],
  ['publish.messages.received', 'messages/s', 'PUBLISH messages received.'],
  ['publish.messages.sent', 'messages/s', 'PUBLISH messages sent.'],
  ['publish.messages.dropped', 'messages/s', 'PUBLISH messages dropped (queue limits).'],
  ['publish.bytes.received', 'bytes/s', 'PUBLISH payload bytes received.'],
  ['publish.bytes.sent', 'bytes/s', 'PUBLISH payload bytes sent.'],
  ['clients.expired', 'clients/s', 'Persistent sessions expired.'],
];

export const catalogue: Catalogue = [
  ...gauges.map(([name, unit, description]): MetricSpec => ({ name, type: 'gauge', unit, description })),
  ...rates.map(([name, unit, description]): MetricSpec => ({ name, type: 'rate', unit, description })),
  {
    name: 'load.{what}.{direction}.{window}',
    type: 'gauge',
    unit: 'per minute',
    description: "The broker's moving averages over 1, 5 and 15 minutes (`load.messages.received.1min`, `load.bytes.sent.5min`, `load.connections.1min`, ...).",
  },
  {
    name: 'load.{what}.{window}',
    type: 'gauge',
    unit: 'per minute',
    description: 'Moving averages with one qualifier (`load.sockets.1min`, `load.connections.15min`).',
  },
  { name: '{topic*}', type: 'gauge', unit: 'value', description: 'Any other numeric $SYS/broker topic (a bridge, a plugin), under its topic path.' },
];

/** The prefix of the broker's own topics; a name is the rest of the topic. */
export const SYS_PREFIX = '$SYS/broker/';

/** Totals since the broker started, published as per-second rates; every other value is a gauge. */
export const COUNTERS = new Set([
  'messages.received',
  'messages.sent',
  'bytes.received',
  'bytes.sent',
  'publish.messages.received',
  'publish.messages.sent',
  'publish.messages.dropped',
  'publish.bytes.received',
  'publish.bytes.sent',
  'clients.expired',
]);

const LEADING_NUMBER = /^\s*(-?\d+(?:\.\d+)?)(?:\s+seconds?)?\s*$/;

/**
 * A $SYS topic and payload as a metric: `$SYS/broker/load/messages/received/1min` "1.97" is
 * `load.messages.received.1min` 1.97, `retained messages/count` becomes `retained_messages.count`,
 * `uptime` "25 seconds" is 25. Text payloads (the version) are not metrics.
 */
export function sysMetric(topic: string, payload: string): { name: string; value: number } | undefined {
  if (!topic.startsWith(SYS_PREFIX)) return undefined;
  const match = LEADING_NUMBER.exec(payload);
  if (!match) return undefined;
  const name = topic
    .slice(SYS_PREFIX.length)
    .split('/')
    .map((segment) => segment.trim().replace(/[^\w-]+/g, '_'))
    .join('.');
  return name === '' ? undefined : { name, value: Number(match[1]) };
}

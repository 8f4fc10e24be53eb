import { option } from '@spinel/sdk';

export const options = {
  host: option.string('127.0.0.1', 'StatsD host.'),
  port: option.number(8125, 'StatsD port.', { min: 1, max: 65535, integer: true }),
  protocol: option.enum(['udp', 'tcp'], 'udp', 'UDP datagrams (StatsD default) or newline-separated lines over TCP.'),
  tags: option.enum(['none', 'dogstatsd'], 'none', "none: Diamond's dotted names; dogstatsd: names without the labels, labels as `|#key:value` tags."),
  prefix: option.string('', 'Prepended to every metric name (with a dot).'),
  max_packet: option.number(1432, 'Largest UDP datagram in bytes (lines are never split).', { min: 512, max: 65507, integer: true }),
  timeout: option.number(10, 'Seconds to connect and to write over TCP.', { min: 0.1 }),
  max_counters: option.number(100_000, 'Counters whose last value is remembered (to send increments); least recently seen go first.', {
    min: 1,
    integer: true,
  }),
  counter_ttl: option.number(3600, 'Seconds a counter not seen is remembered; after that its next value starts afresh.', { min: 1 }),
};

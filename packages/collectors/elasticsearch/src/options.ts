import { option } from '@spinel/sdk';

export const STATS = ['jvm', 'thread_pool', 'indices'] as const;
export const SSL_VERIFY_MODES = ['CERT_REQUIRED', 'CERT_OPTIONAL', 'CERT_NONE'] as const;

// Diamond's ElasticSearchCollector options, the Metricly fork's two TLS ones, and the bounds both
// lacked (`request_timeout`, `max_response_mb`).
export const options = {
  host: option.string('127.0.0.1', 'Host of the Elasticsearch node (used when `instances` is empty).'),
  port: option.number(9200, 'Its HTTP port.', { min: 1, max: 65535, integer: true }),
  instances: option.stringList(
    [],
    "Nodes to read, each `[<alias>@]<host>[:<port>]` (port 9200 by default); each node's figures go under its alias (`default` when it has none). When set, `host` and `port` are not used, and a single node's figures have no alias segment.",
  ),
  scheme: option.enum(['http', 'https'], 'http', 'http, or https for a node behind TLS.'),
  user: option.string('', 'User for Basic auth (Shield, X-Pack security); sent only with a password.'),
  password: option.string('', 'Its password.', { secret: true }),
  ssl_verify_mode: option.enum(
    SSL_VERIFY_MODES,
    'CERT_REQUIRED',
    "With https: CERT_NONE accepts any certificate (the fork's option); CERT_REQUIRED and CERT_OPTIONAL check it.",
  ),
  ssl_check_hostname: option.boolean(true, 'With https: the certificate must name the host.'),
  stats: option.enumList(
    STATS,
    [...STATS],
    'What to read besides the node figures: jvm (memory, threads, garbage collection), thread_pool (every pool), indices (`_stats`: the `_all` totals and each index).',
  ),
  cluster: option.boolean(false, 'Also read `_cluster/health`: node and shard counts and the status (green 2, yellow 1, red 0).'),
  logstash_mode: option.boolean(
    false,
    'Index names ending in a date (`logstash-syslog-2014.01.03`, or with an hour) are summed under the name without it, with `indexes_in_group` counting them, so daily indices do not make new series every day.',
  ),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(16, 'Largest answer read (`_stats` of a node with many indices is the large one); a larger one fails the run.', {
    min: 0.001,
  }),
};

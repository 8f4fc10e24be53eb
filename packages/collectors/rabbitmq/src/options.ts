import { option, type ParseResult } from '@spinel/sdk';

/** `vhosts` values: Diamond's space-separated queue names, a list of them, or `*` for all. */
function parseQueueList(raw: unknown): ParseResult<string[]> {
  if (typeof raw === 'string') return { ok: true, value: raw.split(/\s+/).filter((name) => name !== '' && name !== '*') };
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return { ok: true, value: raw.filter((name) => name !== '*') };
  return { ok: false, expected: 'queue names (space-separated or a list), or `*` for all' };
}

// Diamond's RabbitMQCollector options. `queues` and `queues_ignored` are regular expressions
// matched against whole queue names (a plain name matches itself, as in Diamond).
export const options = {
  host: option.string('localhost:15672', 'Management API `host:port` (the management plugin listens on 15672).'),
  scheme: option.enum(['http', 'https'], 'http', 'http or https.'),
  user: option.string('guest', 'Management API user (needs the `monitoring` tag).'),
  password: option.string('guest', 'Password of `user`.', { secret: true }),
  queues: option.regexList([], 'Queues to publish (regular expressions, whole names); empty: every queue.'),
  queues_ignored: option.regexList([], 'Queues not to publish (regular expressions, whole names).'),
  vhosts: option.mapping<string[]>(
    {},
    "Diamond's [vhosts]: vhost to its queues (`*` for all); with it set, queues publish under `vhosts.<vhost>.queues.<queue>` and only the vhosts named (`'*': '*'` for all). Without it, every queue publishes under `queues.<queue>`.",
    'mapping of vhost to queue names',
    parseQueueList,
  ),
  replace_dot: option.optionalString('Replace `.` in vhost and queue names by this (a `.` would split the path).'),
  replace_slash: option.optionalString('Replace `/` in vhost and queue names by this.'),
  query_individual_queues: option.boolean(
    false,
    "Ask for each queue that `queues` (or a vhost's list in `vhosts`) names on its own, one request each, instead of listing every queue: for a broker with thousands of queues of which a few matter. The names are then queue names, not patterns; one that is not there is left out.",
  ),
  cluster: option.boolean(false, 'Also publish cluster.partitions and cluster.nodes.'),
  max_queues: option.number(500, 'Most queues published per run; more are dropped (named in a warning), so queue churn cannot grow the series without bound.', {
    min: 1,
    integer: true,
  }),
  request_timeout: option.number(5, 'Seconds to wait for a connection or an answer.', { min: 0.1 }),
  max_response_mb: option.number(
    16,
    'Largest management API answer read, in MB (a thousand queues are about 3); reading stops there and the run fails, naming the cap.',
    { min: 0.01 },
  ),
};

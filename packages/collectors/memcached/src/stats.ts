// memcached's `stats` reply and what Diamond's MemcachedCollector makes of it.

/** Rows Diamond publishes as gauges; every other numeric row is a counter, published as a rate. */
export const GAUGES: ReadonlySet<string> = new Set([
  'bytes',
  'connection_structures',
  'curr_connections',
  'curr_items',
  'threads',
  'reserved_fds',
  'limit_maxbytes',
  'hash_power_level',
  'hash_bytes',
  'hash_is_expanding',
  'uptime',
  'limit_maxconn',
  // Levels of memcached releases after Diamond's list: they go down as well as up, so they are
  // published as they are (as a rate a fall would read as 0 at best).
  'max_connections',
  'response_obj_count',
  'response_obj_bytes',
  'read_buf_count',
  'read_buf_bytes',
  'read_buf_bytes_free',
  'slab_reassign_running',
  'slab_reassign_busy_items',
  'slab_global_page_pool',
  'lru_crawler_running',
  'log_watchers',
]);

/** Rows that are not statistics (Diamond skips them). */
const IGNORED = new Set(['libevent', 'pointer_size', 'time', 'version', 'repcached_version', 'replication', 'accepting_conns', 'pid', 'commandargs']);

/** A complete `stats` reply (up to `END\r\n`) at the start of `buffer`. */
export function readStats(buffer: Buffer): { value: string; length: number } | undefined {
  const text = buffer.toString('latin1');
  const end = text.indexOf('END\r\n');
  if (end >= 0 && (end === 0 || text[end - 1] === '\n')) return { value: text.slice(0, end), length: end + 5 };
  const error = /^(ERROR|CLIENT_ERROR[^\r]*|SERVER_ERROR[^\r]*)\r\n/.exec(text);
  if (error) throw new Error(`an error instead of stats: ${error[1]}`);
  return undefined;
}

export interface Stats {
  values: Map<string, number>;
  /** The server's command line, when it reports it (`STAT commandargs`), for limit_maxconn. */
  commandArgs: string | undefined;
  pid: number | undefined;
}

export function parseStats(text: string): Stats {
  const values = new Map<string, number>();
  let commandArgs: string | undefined;
  let pid: number | undefined;
  for (const line of text.split('\n')) {
    const [tag, name, ...rest] = line.trimEnd().split(' ');
    if (tag !== 'STAT' || name === undefined) continue;
    const value = rest.join(' ');
    if (name === 'pid') pid = Number(value);
    else if (name === 'commandargs') commandArgs = value;
    if (IGNORED.has(name)) continue;
    const number = Number(value);
    if (value !== '' && Number.isFinite(number)) values.set(name, number);
  }
  return { values, commandArgs, pid };
}

/** `-c N` or `--max-conns N` (or `=N`) from a command line whose arguments are split by NUL or spaces. */
export function maxConnections(commandLine: string): number | undefined {
  const match = /(?:^|[\0 ])(?:-c|--max-conns)(?:[\0 =])(\d+)/.exec(commandLine);
  return match ? Number(match[1]) : undefined;
}

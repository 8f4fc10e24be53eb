// INFO's text and the values Diamond's RedisCollector publishes from it.

/** INFO fields by Diamond metric name (RedisCollector._KEYS). */
export const INFO_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['clients.blocked', 'blocked_clients'],
  ['clients.connected', 'connected_clients'],
  ['clients.longest_output_list', 'client_longest_output_list'],
  ['cpu.parent.sys', 'used_cpu_sys'],
  ['cpu.children.sys', 'used_cpu_sys_children'],
  ['cpu.parent.user', 'used_cpu_user'],
  ['cpu.children.user', 'used_cpu_user_children'],
  ['hash_max_zipmap.entries', 'hash_max_zipmap_entries'],
  ['hash_max_zipmap.value', 'hash_max_zipmap_value'],
  ['keys.evicted', 'evicted_keys'],
  ['keys.expired', 'expired_keys'],
  ['keyspace.hits', 'keyspace_hits'],
  ['keyspace.misses', 'keyspace_misses'],
  ['last_save.changes_since', 'changes_since_last_save'],
  ['last_save.time', 'last_save_time'],
  ['memory.internal_view', 'used_memory'],
  ['memory.external_view', 'used_memory_rss'],
  ['memory.fragmentation_ratio', 'mem_fragmentation_ratio'],
  ['process.commands_processed', 'total_commands_processed'],
  ['process.connections_received', 'total_connections_received'],
  ['process.uptime', 'uptime_in_seconds'],
  ['pubsub.channels', 'pubsub_channels'],
  ['pubsub.patterns', 'pubsub_patterns'],
  ['replication.master_sync_in_progress', 'master_sync_in_progress'],
  ['slaves.connected', 'connected_slaves'],
  ['slaves.last_io', 'master_last_io_seconds_ago'],
  // Redis 2.6 renamed these two (RedisCollector._RENAMED_KEYS); the new name wins when both exist.
  ['last_save.changes_since', 'rdb_changes_since_last_save'],
  ['last_save.time', 'rdb_last_save_time'],
];

/** INFO as fields (`connected_clients` -> `1`) and per-database keyspace (`db0` -> keys, expires, avg_ttl). */
export interface Info {
  fields: Map<string, string>;
  keyspace: Map<string, Map<string, string>>;
}

const KEYSPACE_LINE = /^db\d+$/;

export function parseInfo(text: string): Info {
  const fields = new Map<string, string>();
  const keyspace = new Map<string, Map<string, string>>();
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (KEYSPACE_LINE.test(key)) {
      const db = new Map<string, string>();
      for (const pair of value.split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) db.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      keyspace.set(key, db);
    } else fields.set(key, value);
  }
  return { fields, keyspace };
}

/** A value as Python's redis client reads it: integer, else float, else not a number. */
export function numeric(text: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Decimal places as Diamond's `_precision(str(value))` counts them: Python prints a float with at least one. */
export function diamondPrecision(text: string): number {
  const value = Number(text);
  if (!/[.e]/i.test(text)) return 0;
  const printed = String(value);
  const dot = printed.indexOf('.');
  return dot < 0 ? 1 : printed.length - dot - 1;
}

export interface Published {
  name: string;
  value: number;
  precision: number;
}

/**
 * Diamond's values for one server: the mapped INFO fields, replication state, the share of
 * `maxmemory` used, per-database keyspace figures and the seconds since the last save.
 */
export function infoValues(info: Info, maxmemory: number | undefined, databases: number, now: number): Published[] {
  const data = new Map<string, string>();
  const role = info.fields.get('role');
  if (role === 'master') {
    data.set('replication.master', '1');
    data.set('replication.master_sync_in_progress', '0');
    data.set('replication.master_link_status', '0');
  } else if (role !== undefined) data.set('replication.master', '0');
  const link = info.fields.get('master_link_status');
  if (link !== undefined) data.set('replication.master_link_status', link === 'up' ? '1' : '0');
  const usedMemory = numeric(info.fields.get('used_memory') ?? '');
  if (maxmemory !== undefined && usedMemory !== undefined) {
    data.set('memory.used_percent', maxmemory === 0 ? '0.0' : ((usedMemory / maxmemory) * 100).toFixed(2));
  }
  for (const [name, field] of INFO_KEYS) {
    const value = info.fields.get(field);
    if (value !== undefined) data.set(name, value);
  }
  for (let n = 0; n < databases; n++) {
    const db = info.keyspace.get(`db${n}`);
    if (db) for (const [key, value] of db) data.set(`db${n}.${key}`, value);
  }
  const lastSave = numeric(info.fields.get('rdb_last_save_time') ?? info.fields.get('last_save_time') ?? '');
  if (lastSave !== undefined) data.set('last_save.time_since', String(Math.floor(now) - lastSave));
  const out: Published[] = [];
  for (const [name, text] of data) {
    const value = numeric(text);
    if (value !== undefined) out.push({ name, value, precision: diamondPrecision(text) });
  }
  return out;
}

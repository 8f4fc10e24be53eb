import type { Catalogue, MetricSpec } from '@spinel/sdk';

// Diamond publishes every value as a gauge, counters included (its dashboards apply
// nonNegativeDerivative); the names keep that, so dashboards built on them still work.
const gauges: Array<[string, string, string]> = [
  ['clients.blocked', 'clients', 'Clients blocked in a blocking call (blocked_clients).'],
  ['clients.connected', 'clients', 'Client connections, replicas excluded (connected_clients).'],
  ['clients.longest_output_list', 'items', 'Longest output list among clients (client_longest_output_list; gone in Redis 5).'],
  ['cpu.parent.sys', 'seconds', 'System CPU used by the server since start (used_cpu_sys).'],
  ['cpu.children.sys', 'seconds', 'System CPU used by background children (used_cpu_sys_children).'],
  ['cpu.parent.user', 'seconds', 'User CPU used by the server since start (used_cpu_user).'],
  ['cpu.children.user', 'seconds', 'User CPU used by background children (used_cpu_user_children).'],
  ['hash_max_zipmap.entries', 'entries', 'hash_max_zipmap_entries (Redis 2.x only).'],
  ['hash_max_zipmap.value', 'bytes', 'hash_max_zipmap_value (Redis 2.x only).'],
  ['keys.evicted', 'keys', 'Keys evicted for maxmemory since start (evicted_keys).'],
  ['keys.expired', 'keys', 'Keys expired since start (expired_keys).'],
  ['keyspace.hits', 'lookups', 'Successful key lookups since start (keyspace_hits).'],
  ['keyspace.misses', 'lookups', 'Failed key lookups since start (keyspace_misses).'],
  ['last_save.changes_since', 'changes', 'Changes since the last save (rdb_changes_since_last_save).'],
  ['last_save.time', 'unix seconds', 'Time of the last successful save (rdb_last_save_time).'],
  ['last_save.time_since', 'seconds', 'Seconds since the last successful save.'],
  ['memory.internal_view', 'bytes', "Memory Redis's allocator holds (used_memory)."],
  ['memory.external_view', 'bytes', 'Resident memory as the OS sees it (used_memory_rss).'],
  ['memory.fragmentation_ratio', 'ratio', 'used_memory_rss / used_memory (mem_fragmentation_ratio).'],
  ['memory.used_percent', 'percent', 'used_memory as a percentage of maxmemory (0 when maxmemory is 0).'],
  ['process.commands_processed', 'commands', 'Commands processed since start (total_commands_processed).'],
  ['process.connections_received', 'connections', 'Connections accepted since start (total_connections_received).'],
  ['process.uptime', 'seconds', 'Seconds since the server started (uptime_in_seconds).'],
  ['pubsub.channels', 'channels', 'Pub/sub channels with subscribers.'],
  ['pubsub.patterns', 'patterns', 'Pub/sub patterns with subscribers.'],
  ['replication.master', 'boolean', '1 on a master, 0 on a replica.'],
  ['replication.master_link_status', 'boolean', "1 while a replica's link to its master is up."],
  ['replication.master_sync_in_progress', 'boolean', '1 while a replica syncs from its master.'],
  ['slaves.connected', 'replicas', 'Connected replicas (connected_slaves).'],
  ['slaves.last_io', 'seconds', "Seconds since a replica's last exchange with its master (master_last_io_seconds_ago)."],
];

const perDatabase: Array<[string, string, string]> = [
  ['keys', 'keys', 'Keys in the database.'],
  ['expires', 'keys', 'Keys with an expiry set.'],
  ['avg_ttl', 'milliseconds', 'Average time to live of keys with an expiry.'],
];

export const catalogue: Catalogue = [
  ...gauges.map(([name, unit, description]): MetricSpec => ({ name: `{nick}.${name}`, type: 'gauge', unit, description })),
  ...perDatabase.map(([name, unit, description]): MetricSpec => ({ name: `{nick}.{db}.${name}`, type: 'gauge', unit, description })),
];

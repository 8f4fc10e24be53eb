// Diamond's test_real_data (python-diamond/Diamond, src/collectors/redisstat/test/testredisstat.py):
// its second INFO (data_2, as the server would print it), maxmemory 2097152, time.time() = 20 and
// `databases: 1`, and the values it asserts.
import { describe, expect, it } from 'vitest';
import { infoValues, parseInfo } from '@spinel/collector-redis';

const data2: Record<string, string | number> = {
  pubsub_channels: 1,
  used_memory_peak_human: '1700.71K',
  bgrewriteaof_in_progress: 4,
  connected_slaves: 2,
  master_last_io_seconds_ago: 7,
  uptime_in_days: 1,
  multiplexing_api: 'epoll',
  lru_clock: 5954113,
  last_save_time: 51351718385,
  redis_version: '2.4.10',
  redis_git_sha1: 0,
  gcc_version: '4.4.6',
  connected_clients: 100,
  keyspace_misses: 670,
  used_memory: 1726144,
  vm_enabled: 0,
  used_cpu_user_children: '2.00',
  used_memory_peak: 1717528,
  role: 'master',
  total_commands_processed: 19764,
  latest_fork_usec: 8,
  loading: 0,
  used_memory_rss: 17254016,
  total_connections_received: 18764,
  pubsub_patterns: 0,
  aof_enabled: 0,
  used_cpu_sys: '0.05',
  used_memory_human: '1709.12K',
  used_cpu_sys_children: '0.09',
  blocked_clients: 8,
  used_cpu_user: '0.09',
  client_biggest_input_buf: 40,
  arch_bits: 64,
  mem_fragmentation_ratio: '0.99',
  expired_keys: 0,
  evicted_keys: 0,
  bgsave_in_progress: 0,
  client_longest_output_list: 0,
  mem_allocator: 'jemalloc-2.2.5',
  process_id: 3020,
  uptime_in_seconds: 95732,
  changes_since_last_save: 759,
  redis_git_dirty: 0,
  keyspace_hits: 5700,
};

const expected: Record<string, number> = {
  'process.uptime': 95732,
  'replication.master': 1,
  'replication.master_link_status': 0,
  'replication.master_sync_in_progress': 0,
  'pubsub.channels': 1,
  'slaves.connected': 2,
  'slaves.last_io': 7,
  'process.connections_received': 18764,
  'clients.longest_output_list': 0,
  'process.commands_processed': 19764,
  'last_save.changes_since': 759,
  'memory.external_view': 17254016,
  'memory.fragmentation_ratio': 0.99,
  'last_save.time': 51351718385,
  'clients.connected': 100,
  'clients.blocked': 8,
  'pubsub.patterns': 0,
  'cpu.parent.user': 0.09,
  'last_save.time_since': -51351718365,
  'memory.internal_view': 1726144,
  'cpu.parent.sys': 0.05,
  'keyspace.misses': 670,
  'keys.expired': 0,
  'keys.evicted': 0,
  'keyspace.hits': 5700,
  'memory.used_percent': 82.31,
};

const infoText = (fields: Record<string, string | number>, extra = ''): string =>
  `# Server\r\n${Object.entries(fields)
    .map(([k, v]) => `${k}:${v}`)
    .join('\r\n')}\r\n${extra}`;

describe('redis INFO values', () => {
  it("publishes what Diamond's test_real_data asserts", () => {
    const values = new Map(infoValues(parseInfo(infoText(data2)), 2097152, 1, 20).map((p) => [p.name, p.value]));
    for (const [name, value] of Object.entries(expected)) expect([name, values.get(name)]).toEqual([name, value]);
    // Diamond publishes nothing else from this INFO: no string fields, nothing from unmapped keys.
    expect([...values.keys()].filter((name) => !(name in expected)).sort()).toEqual(['cpu.children.sys', 'cpu.children.user']);
  });

  it('counts decimal places as Diamond prints them (Python floats keep one)', () => {
    const byName = new Map(infoValues(parseInfo(infoText(data2)), 0, 1, 20).map((p) => [p.name, p.precision]));
    expect(byName.get('cpu.parent.user')).toBe(2);
    expect(byName.get('cpu.children.user')).toBe(1); // "2.00" is the float 2.0
    expect(byName.get('clients.connected')).toBe(0);
    expect(byName.get('memory.used_percent')).toBe(1); // maxmemory 0: 0.0
  });

  it('reads the keyspace of the first `databases` databases, and the replica link', () => {
    const text = infoText(
      { role: 'slave', master_link_status: 'up', used_memory: 10 },
      '# Keyspace\r\ndb0:keys=12,expires=3,avg_ttl=5000\r\ndb1:keys=1,expires=0,avg_ttl=0\r\n',
    );
    const values = new Map(infoValues(parseInfo(text), undefined, 1, 0).map((p) => [p.name, p.value]));
    expect(values.get('db0.keys')).toBe(12);
    expect(values.get('db0.expires')).toBe(3);
    expect(values.get('db0.avg_ttl')).toBe(5000);
    expect(values.has('db1.keys')).toBe(false);
    expect(values.get('replication.master')).toBe(0);
    expect(values.get('replication.master_link_status')).toBe(1);
    expect(values.has('memory.used_percent')).toBe(false);
  });
});

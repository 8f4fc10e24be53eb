import type { Catalogue, MetricSpec } from '@spinel/sdk';

// The alias may hold dots (a host name or address without an alias, as in Diamond), so it may
// span several path segments.

const gauges: Array<[string, string, string]> = [
  ['bytes', 'bytes', 'Bytes used to store items.'],
  ['connection_structures', 'structures', 'Connection structures allocated by the server.'],
  ['curr_connections', 'connections', 'Open connections.'],
  ['curr_items', 'items', 'Items stored.'],
  ['threads', 'threads', 'Worker threads.'],
  ['reserved_fds', 'descriptors', 'File descriptors reserved for internal use.'],
  ['limit_maxbytes', 'bytes', 'Memory the server may use for items.'],
  ['hash_power_level', 'power of 2', 'Size of the hash table as a power of 2.'],
  ['hash_bytes', 'bytes', 'Bytes used by the hash table.'],
  ['hash_is_expanding', 'boolean', '1 while the hash table grows.'],
  ['uptime', 'seconds', 'Seconds since the server started.'],
  [
    'limit_maxconn',
    'connections',
    "Connection limit (`-c`; from max_connections or the server's command line). Diamond published it as a counter, which always read 0.",
  ],
  // Levels of releases after Diamond's list (see stats.ts).
  ['max_connections', 'connections', 'Connection limit (memcached 1.5.x and later).'],
  ['response_obj_count', 'objects', 'Response objects allocated.'],
  ['response_obj_bytes', 'bytes', 'Bytes of response objects.'],
  ['read_buf_count', 'buffers', 'Read buffers allocated.'],
  ['read_buf_bytes', 'bytes', 'Bytes of read buffers.'],
  ['read_buf_bytes_free', 'bytes', 'Bytes of read buffers free.'],
  ['slab_reassign_running', 'boolean', '1 while a slab page is being moved.'],
  ['slab_reassign_busy_items', 'items', 'Items busy during a slab page move.'],
  ['slab_global_page_pool', 'pages', 'Slab pages in the global pool.'],
  ['lru_crawler_running', 'boolean', '1 while the LRU crawler runs.'],
  ['log_watchers', 'watchers', 'Clients watching the log stream.'],
];

export const catalogue: Catalogue = [
  ...gauges.map(([name, unit, description]): MetricSpec => ({ name: `{alias*}.${name}`, type: 'gauge', unit, description })),
  {
    name: '{alias*}.{stat}',
    type: 'rate',
    unit: 'per second',
    description:
      'Every other numeric row of `stats` (cmd_get, get_hits, get_misses, bytes_read, evictions, rusage_user, ...): its change per second, as Diamond publishes counters.',
  },
];

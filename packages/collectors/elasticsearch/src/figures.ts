// Diamond ElasticSearchCollector's reading of the three documents, as name → value. A key that is
// missing leaves its figure out (Diamond's _add_metric); a value that is not a number is passed over.

/** Figures of one node, in Diamond's order; a name seen twice is summed (logstash mode's groups). */
export type Figures = Map<string, number>;
type Doc = Record<string, unknown>;

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

function setOrSum(figures: Figures, name: string, value: unknown): void {
  const number = typeof value === 'boolean' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return;
  figures.set(name, (figures.get(name) ?? 0) + number);
}

/** Diamond's _add_metric: the value at `path` inside `doc`, when every step of it is there. */
function add(figures: Figures, name: string, doc: unknown, path: readonly string[]): void {
  let value = doc;
  for (const step of path) {
    if (!isDoc(value)) return;
    value = value[step];
  }
  if (value !== undefined && value !== null) setOrSum(figures, name, value);
}

function copyTwoLevel(figures: Figures, prefix: string, data: unknown, keep: (key: string) => boolean = () => true): void {
  if (!isDoc(data)) return;
  for (const [group, values] of Object.entries(data)) {
    if (!isDoc(values)) continue;
    for (const [key, value] of Object.entries(values)) if (keep(key)) setOrSum(figures, `${prefix}.${group}.${key}`, value);
  }
}

/** Diamond's RE_LOGSTASH_INDEX: a name ending in `-YYYY.MM.DD` (and `.HH`, `.mm`). */
const LOGSTASH_INDEX = /^(.*)-\d{4}(\.\d{2}){2,3}$/;
const INDEX_STAT = (key: string): boolean => key.endsWith('total') || key.endsWith('time_in_millis') || key.endsWith('in_bytes');

function indexFigures(figures: Figures, name: string, index: unknown, logstash: boolean): void {
  let prefix = name;
  const dated = logstash ? LOGSTASH_INDEX.exec(prefix) : null;
  if (dated?.[1] !== undefined) {
    prefix = dated[1];
    setOrSum(figures, `${prefix}.indexes_in_group`, 1);
  }
  add(figures, `${prefix}.docs.count`, index, ['docs', 'count']);
  add(figures, `${prefix}.docs.deleted`, index, ['docs', 'deleted']);
  add(figures, `${prefix}.datastore.size`, index, ['store', 'size_in_bytes']);
  copyTwoLevel(figures, prefix, index, INDEX_STAT);
}

const NODE_PATHS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['http.current', ['http', 'current_open']],
  ['indices.docs.count', ['indices', 'docs', 'count']],
  ['indices.docs.deleted', ['indices', 'docs', 'deleted']],
  ['indices.datastore.size', ['indices', 'store', 'size_in_bytes']],
  ['transport.rx.count', ['transport', 'rx_count']],
  ['transport.rx.size', ['transport', 'rx_size_in_bytes']],
  ['transport.tx.count', ['transport', 'tx_count']],
  ['transport.tx.size', ['transport', 'tx_size_in_bytes']],
];

/** The caches of an index section: before 0.90 one `cache` object, after it one object a cache. */
const CACHE_PATHS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['cache.bloom.size', ['cache', 'bloom_size_in_bytes']],
  ['cache.field.evictions', ['cache', 'field_evictions']],
  ['cache.field.size', ['cache', 'field_size_in_bytes']],
  ['cache.filter.count', ['cache', 'filter_count']],
  ['cache.filter.evictions', ['cache', 'filter_evictions']],
  ['cache.filter.size', ['cache', 'filter_size_in_bytes']],
  ['cache.id.size', ['cache', 'id_cache_size_in_bytes']],
  ['cache.filter.evictions', ['filter_cache', 'evictions']],
  ['cache.filter.size', ['filter_cache', 'memory_size_in_bytes']],
  ['cache.filter.count', ['filter_cache', 'count']],
  ['cache.id.size', ['id_cache', 'memory_size_in_bytes']],
  ['cache.query.evictions', ['query_cache', 'evictions']],
  ['cache.query.size', ['query_cache', 'memory_size_in_bytes']],
  ['cache.query.hit_count', ['query_cache', 'hit_count']],
  ['cache.query.miss_count', ['query_cache', 'miss_count']],
  ['fielddata.size', ['fielddata', 'memory_size_in_bytes']],
  ['fielddata.evictions', ['fielddata', 'evictions']],
  ['segments.count', ['segments', 'count']],
  ['segments.mem.size', ['segments', 'memory_in_bytes']],
  ['segments.index_writer.mem.size', ['segments', 'index_writer_memory_in_bytes']],
  ['segments.index_writer.mem.max_size', ['segments', 'index_writer_max_memory_in_bytes']],
  ['segments.version_map.mem.size', ['segments', 'version_map_memory_in_bytes']],
  ['segments.fixed_bit_set.mem.size', ['segments', 'fixed_bit_set_memory_in_bytes']],
];

const PROCESS_PATHS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['process.cpu.percent', ['cpu', 'percent']],
  ['process.mem.resident', ['mem', 'resident_in_bytes']],
  ['process.mem.share', ['mem', 'share_in_bytes']],
  ['process.mem.virtual', ['mem', 'total_virtual_in_bytes']],
  ['process.open_file_descriptors', ['open_file_descriptors']],
  ['process.max_file_descriptors', ['max_file_descriptors']],
];

const DISK_PATHS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['disk.reads.count', ['disk_reads']],
  ['disk.reads.size', ['disk_read_size_in_bytes']],
  ['disk.writes.count', ['disk_writes']],
  ['disk.writes.size', ['disk_write_size_in_bytes']],
];

function jvmFigures(figures: Figures, jvm: unknown): void {
  if (!isDoc(jvm)) return;
  for (const key of ['heap_used', 'heap_committed', 'non_heap_used', 'non_heap_committed']) add(figures, `jvm.mem.${key}`, jvm, ['mem', `${key}_in_bytes`]);
  add(figures, 'jvm.mem.heap_used_percent', jvm, ['mem', 'heap_used_percent']);
  const pools = isDoc(jvm.mem) ? jvm.mem.pools : undefined;
  if (isDoc(pools)) {
    for (const [pool, values] of Object.entries(pools)) {
      const name = pool.replaceAll(' ', '_');
      add(figures, `jvm.mem.pools.${name}.used`, values, ['used_in_bytes']);
      add(figures, `jvm.mem.pools.${name}.max`, values, ['max_in_bytes']);
    }
  }
  add(figures, 'jvm.threads.count', jvm, ['threads', 'count']);
  const gc = isDoc(jvm.gc) ? jvm.gc : {};
  let count = 0;
  let time = 0;
  for (const [collector, values] of Object.entries(isDoc(gc.collectors) ? gc.collectors : {})) {
    if (!isDoc(values)) continue;
    add(figures, `jvm.gc.collection.${collector}.count`, values, ['collection_count']);
    add(figures, `jvm.gc.collection.${collector}.time`, values, ['collection_time_in_millis']);
    count += typeof values.collection_count === 'number' ? values.collection_count : 0;
    time += typeof values.collection_time_in_millis === 'number' ? values.collection_time_in_millis : 0;
  }
  // The totals are gone from the node stats after 0.90.10: summed from the collectors, as Diamond.
  setOrSum(figures, 'jvm.gc.collection.count', gc.collection_count ?? count);
  setOrSum(figures, 'jvm.gc.collection.time', gc.collection_time_in_millis ?? time);
}

/** `_nodes/_local/stats`: the first (the local) node's figures. */
export function nodeFigures(figures: Figures, node: Doc, stats: ReadonlySet<string>): void {
  for (const [name, path] of NODE_PATHS) add(figures, name, node, path);
  for (const [name, path] of CACHE_PATHS) add(figures, name, node.indices, path);
  for (const [name, path] of PROCESS_PATHS) add(figures, name, node.process, path);
  const fs = isDoc(node.fs) && Array.isArray(node.fs.data) ? (node.fs.data[0] as unknown) : undefined;
  for (const [name, path] of DISK_PATHS) add(figures, name, fs, path);
  if (stats.has('jvm')) jvmFigures(figures, node.jvm);
  if (stats.has('thread_pool')) copyTwoLevel(figures, 'thread_pool', node.thread_pool);
  copyTwoLevel(figures, 'network', node.network);
}

const CLUSTER_PATHS: ReadonlyArray<readonly [string, string]> = [
  ['cluster_health.nodes.total', 'number_of_nodes'],
  ['cluster_health.nodes.data', 'number_of_data_nodes'],
  ['cluster_health.nodes.pending_tasks', 'number_of_pending_tasks'],
  ['cluster_health.shards.active_primary', 'active_primary_shards'],
  ['cluster_health.shards.active', 'active_shards'],
  ['cluster_health.shards.active_percent', 'active_shards_percent_as_number'],
  ['cluster_health.shards.delayed_unassigned', 'delayed_unassigned_shards'],
  ['cluster_health.shards.relocating', 'relocating_shards'],
  ['cluster_health.shards.unassigned', 'unassigned_shards'],
  ['cluster_health.shards.initializing', 'initializing_shards'],
];
const CLUSTER_STATUS: Readonly<Record<string, number>> = { green: 2, yellow: 1, red: 0 };

/** `_cluster/health`. */
export function clusterFigures(figures: Figures, health: Doc): void {
  for (const [name, key] of CLUSTER_PATHS) add(figures, name, health, [key]);
  const status = typeof health.status === 'string' ? CLUSTER_STATUS[health.status] : undefined;
  if (status !== undefined) figures.set('cluster_health.status', status);
}

/** `_stats`: the `_all` primaries, then each index's (under `_all.indices` before 0.90, `indices` after). */
export function indexStatsFigures(figures: Figures, doc: Doc, logstash: boolean): void {
  const all = isDoc(doc._all) ? doc._all : {};
  indexFigures(figures, 'indices._all', all.primaries, logstash);
  const indices = isDoc(all.indices) ? all.indices : isDoc(doc.indices) ? doc.indices : {};
  for (const [name, index] of Object.entries(indices)) if (isDoc(index)) indexFigures(figures, `indices.${name}`, index.primaries, logstash);
}

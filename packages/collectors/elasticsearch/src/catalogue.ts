import { createCatalogueLookup, type Catalogue, type MetricSpec, type MetricType } from '@spinel/sdk';

const gauge = (name: string, unit: string, description: string): MetricSpec => ({ name, type: 'gauge', unit, description });
const total = (name: string, unit: string, description: string): MetricSpec => ({ name, type: 'counter', unit, description });

/**
 * Each figure of a node, as Diamond published it: every value raw, so running totals (transport,
 * disk, evictions, garbage collection, index operations) are counters and levels are gauges.
 * Index statistics are every key of an index's `primaries` group ending in `total`,
 * `time_in_millis` or `in_bytes`: the patterns decide their kind by that ending (first match wins).
 */
const FIGURES: MetricSpec[] = [
  gauge('http.current', 'connections', 'Open HTTP connections to the node.'),
  gauge('indices.docs.count', 'documents', "Documents on the node's shards."),
  gauge('indices.docs.deleted', 'documents', 'Deleted documents not yet merged away.'),
  gauge('indices.datastore.size', 'bytes', "The node's store size."),
  total('transport.rx.count', 'messages', 'Transport messages received since start.'),
  total('transport.rx.size', 'bytes', 'Transport bytes received since start.'),
  total('transport.tx.count', 'messages', 'Transport messages sent since start.'),
  total('transport.tx.size', 'bytes', 'Transport bytes sent since start.'),
  gauge('cache.bloom.size', 'bytes', 'Bloom filter cache (before 0.90).'),
  total('cache.field.evictions', 'evictions', 'Field cache evictions (before 0.90).'),
  gauge('cache.field.size', 'bytes', 'Field cache size (before 0.90).'),
  gauge('cache.filter.count', 'entries', 'Filter cache entries.'),
  total('cache.filter.evictions', 'evictions', 'Filter cache evictions.'),
  gauge('cache.filter.size', 'bytes', 'Filter cache size.'),
  gauge('cache.id.size', 'bytes', 'Id cache size.'),
  total('cache.query.evictions', 'evictions', 'Query cache evictions.'),
  gauge('cache.query.size', 'bytes', 'Query cache size.'),
  total('cache.query.hit_count', 'hits', 'Query cache hits.'),
  total('cache.query.miss_count', 'misses', 'Query cache misses.'),
  gauge('fielddata.size', 'bytes', 'Field data size (0.90 and later).'),
  total('fielddata.evictions', 'evictions', 'Field data evictions.'),
  gauge('segments.count', 'segments', 'Lucene segments.'),
  gauge('segments.mem.size', 'bytes', 'Memory of the segments.'),
  gauge('segments.index_writer.mem.size', 'bytes', 'Memory of the index writers.'),
  gauge('segments.index_writer.mem.max_size', 'bytes', 'Most memory the index writers may use.'),
  gauge('segments.version_map.mem.size', 'bytes', 'Memory of the version map.'),
  gauge('segments.fixed_bit_set.mem.size', 'bytes', 'Memory of fixed bit sets.'),
  gauge('process.cpu.percent', 'percent', "The node process's CPU use."),
  gauge('process.mem.resident', 'bytes', 'Resident memory of the node process.'),
  gauge('process.mem.share', 'bytes', 'Shared memory of the node process.'),
  gauge('process.mem.virtual', 'bytes', 'Virtual memory of the node process.'),
  gauge('process.open_file_descriptors', 'descriptors', "Open file descriptors (the Metricly fork's name)."),
  gauge('process.max_file_descriptors', 'descriptors', "The descriptor limit (the Metricly fork's name)."),
  total('disk.reads.count', 'reads', 'Reads of the first data path.'),
  total('disk.reads.size', 'bytes', 'Bytes read from the first data path.'),
  total('disk.writes.count', 'writes', 'Writes to the first data path.'),
  total('disk.writes.size', 'bytes', 'Bytes written to the first data path.'),
  ...['heap_used', 'heap_committed', 'non_heap_used', 'non_heap_committed'].map((k) => gauge(`jvm.mem.${k}`, 'bytes', `JVM memory \`${k}\`.`)),
  gauge('jvm.mem.heap_used_percent', 'percent', 'Heap used, percent of the most it may grow to.'),
  gauge('jvm.mem.pools.{pool}.used', 'bytes', 'A memory pool in use (spaces in its name become `_`).'),
  gauge('jvm.mem.pools.{pool}.max', 'bytes', "A memory pool's most."),
  gauge('jvm.threads.count', 'threads', 'JVM threads.'),
  total('jvm.gc.collection.count', 'collections', 'Garbage collections, all collectors.'),
  total('jvm.gc.collection.time', 'milliseconds', 'Time in garbage collection, all collectors.'),
  total('jvm.gc.collection.{collector}.count', 'collections', "One collector's collections."),
  total('jvm.gc.collection.{collector}.time', 'milliseconds', "One collector's time."),
  total('thread_pool.{pool}.rejected', 'tasks', 'Tasks the pool rejected.'),
  total('thread_pool.{pool}.completed', 'tasks', 'Tasks the pool completed.'),
  gauge('thread_pool.{pool}.{figure}', 'threads', 'Every other figure of a pool: threads, queue, active, largest (as the node names them).'),
  gauge('network.tcp.curr_estab', 'connections', 'TCP connections established now (from the node, before 2.0).'),
  total('network.{group}.{figure}', 'count', "Every other figure of the node's network section (TCP opens, segments, resets: totals)."),
  gauge('cluster_health.nodes.total', 'nodes', 'Nodes in the cluster.'),
  gauge('cluster_health.nodes.data', 'nodes', 'Data nodes in the cluster.'),
  gauge('cluster_health.nodes.pending_tasks', 'tasks', 'Cluster tasks waiting.'),
  gauge('cluster_health.shards.active_primary', 'shards', 'Active primary shards.'),
  gauge('cluster_health.shards.active', 'shards', 'Active shards.'),
  gauge('cluster_health.shards.active_percent', 'percent', 'Active shards, percent of all.'),
  gauge('cluster_health.shards.delayed_unassigned', 'shards', 'Shards whose allocation is delayed.'),
  gauge('cluster_health.shards.relocating', 'shards', 'Relocating shards.'),
  gauge('cluster_health.shards.unassigned', 'shards', 'Unassigned shards.'),
  gauge('cluster_health.shards.initializing', 'shards', 'Initializing shards.'),
  gauge('cluster_health.status', 'status', 'Cluster status: green 2, yellow 1, red 0.'),
  gauge('indices.{index*}.indexes_in_group', 'indices', 'With `logstash_mode`: dated indices summed under this name.'),
  gauge('indices.{index*}.docs.count', 'documents', "An index's primary documents (`_all` for all indices)."),
  gauge('indices.{index*}.docs.deleted', 'documents', "An index's deleted documents."),
  gauge('indices.{index*}.datastore.size', 'bytes', "An index's primary store size."),
  total('indices.{index*}.{group}.total', 'operations', "An index's operations of a group (get, refresh, flush, warmer, merges) since start."),
  total('indices.{index*}.{group}.total_{figure}', 'count', "A group's running totals (`total_time_in_millis`, `total_size_in_bytes`)."),
  total('indices.{index*}.{group}.{figure}_total', 'operations', "A group's operation counts (`index_total`, `query_total`)."),
  total('indices.{index*}.{group}.time_in_millis', 'milliseconds', "A group's time since start."),
  total('indices.{index*}.{group}.{figure}_time_in_millis', 'milliseconds', "A group's time per operation kind since start (`query_time_in_millis`)."),
  gauge('indices.{index*}.{group}.{figure}_in_bytes', 'bytes', "A group's sizes (`memory_size_in_bytes`, `size_in_bytes`)."),
];

/** Every figure under the node's alias (`{alias}.…`, with `instances`) and alone (one node). */
export const catalogue: Catalogue = [...FIGURES, ...FIGURES.map((f) => ({ ...f, name: `{alias}.${f.name}` }))];

const lookup = createCatalogueLookup(catalogue);

/** A figure's kind by its catalogue entry; the catalogue is the one place that decides it. */
export function figureType(name: string): MetricType {
  return lookup(name)?.type ?? 'gauge';
}

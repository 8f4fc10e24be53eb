import type { Catalogue, MetricSpec } from '@spinel/sdk';
import { INNODB_NAMES } from './innodb.js';

// Diamond publishes every numeric row of SHOW GLOBAL STATUS, the master and replica status and
// the InnoDB status text under its own name; the rows below stay as they are (gauges), every
// other one becomes its change per second. The list is Diamond's, so its dashboards keep working
// (Threads_created and Innodb_row_lock_time, cumulative as they are, included).
const statusGauges: Array<[string, string, string]> = [
  ['Innodb_buffer_pool_pages_data', 'pages', 'Buffer pool pages holding data.'],
  ['Innodb_buffer_pool_pages_dirty', 'pages', 'Buffer pool pages changed but not yet written.'],
  ['Innodb_buffer_pool_pages_free', 'pages', 'Free buffer pool pages.'],
  ['Innodb_buffer_pool_pages_misc', 'pages', 'Buffer pool pages used for administration.'],
  ['Innodb_buffer_pool_pages_total', 'pages', 'Buffer pool size in pages.'],
  ['Innodb_data_pending_fsyncs', 'operations', 'Pending fsync() calls.'],
  ['Innodb_data_pending_reads', 'operations', 'Pending reads.'],
  ['Innodb_data_pending_writes', 'operations', 'Pending writes.'],
  ['Innodb_os_log_pending_fsyncs', 'operations', 'Pending redo log fsync() calls.'],
  ['Innodb_os_log_pending_writes', 'operations', 'Pending redo log writes.'],
  ['Innodb_page_size', 'bytes', 'InnoDB page size.'],
  ['Innodb_row_lock_current_waits', 'waits', 'Row lock waits in progress.'],
  ['Innodb_row_lock_time', 'milliseconds', 'Time spent waiting for row locks since start.'],
  ['Innodb_row_lock_time_avg', 'milliseconds', 'Average row lock wait.'],
  ['Innodb_row_lock_time_max', 'milliseconds', 'Longest row lock wait.'],
  ['Key_blocks_unused', 'blocks', 'Unused blocks in the MyISAM key cache.'],
  ['Last_query_cost', 'cost', "Optimizer's cost of the last compiled query."],
  ['Max_used_connections', 'connections', 'Most connections open at once since start.'],
  ['Open_files', 'files', 'Files open.'],
  ['Open_streams', 'streams', 'Streams open.'],
  ['Open_table_definitions', 'definitions', 'Cached table definitions.'],
  ['Open_tables', 'tables', 'Tables open.'],
  ['Qcache_free_blocks', 'blocks', 'Free query cache blocks.'],
  ['Qcache_free_memory', 'bytes', 'Free query cache memory.'],
  ['Qcache_queries_in_cache', 'queries', 'Queries in the query cache.'],
  ['Qcache_total_blocks', 'blocks', 'Query cache blocks.'],
  ['Seconds_Behind_Master', 'seconds', 'Replication delay of a replica (with `slave`).'],
  ['Slave_open_temp_tables', 'tables', "Temporary tables the replica's SQL thread holds open."],
  ['Threads_cached', 'threads', 'Threads in the thread cache.'],
  ['Threads_connected', 'connections', 'Connections open.'],
  ['Threads_created', 'threads', 'Threads created since start (Diamond publishes it as it is).'],
  ['Threads_running', 'threads', 'Threads not sleeping.'],
];

// Rows Diamond never knew (MariaDB's and newer MySQL's) that are levels, not running totals:
// Diamond's code would take their change per second, and a level that falls (Memory_used) would
// read as 0 there. They are published as they are.
const levelsDiamondNeverKnew: Array<[string, string, string]> = [
  ['Memory_used', 'bytes', 'Memory the server has allocated now (MariaDB).'],
  ['Memory_used_initial', 'bytes', 'Memory allocated at start (MariaDB).'],
  ['Innodb_buffer_pool_bytes_data', 'bytes', 'Buffer pool bytes holding data.'],
  ['Innodb_buffer_pool_bytes_dirty', 'bytes', 'Buffer pool bytes changed but not yet written.'],
  ['Innodb_buffer_pool_pages_old', 'pages', "Buffer pool pages in the LRU list's old sublist."],
  ['Innodb_buffer_pool_pages_latched', 'pages', 'Buffer pool pages latched now.'],
  ['Innodb_num_open_files', 'files', 'Files InnoDB holds open.'],
  ['Innodb_onlineddl_pct_progress', 'percent', 'Progress of a running online ALTER TABLE.'],
  ['Innodb_history_list_length', 'transactions', 'Undo history not yet purged.'],
  ['Innodb_ibuf_free_list', 'pages', 'Free pages of the change buffer.'],
  ['Innodb_ibuf_segment_size', 'pages', 'Pages of the change buffer segment.'],
  ['Innodb_mem_adaptive_hash', 'bytes', 'Memory of the adaptive hash index.'],
  ['Innodb_mem_dictionary', 'bytes', 'Memory of the data dictionary.'],
  ['Key_blocks_not_flushed', 'blocks', 'MyISAM key cache blocks changed but not yet written.'],
  ['Key_blocks_used', 'blocks', 'Most MyISAM key cache blocks used at once.'],
  ['Key_blocks_warm', 'blocks', 'MyISAM key cache blocks in the warm sublist.'],
  ['Rpl_semi_sync_master_clients', 'replicas', 'Semi-synchronous replicas connected.'],
  ['Slaves_connected', 'replicas', 'Replicas connected.'],
  ['Slaves_running', 'replicas', 'Replicas running.'],
  ['Tc_log_max_pages_used', 'pages', 'Most pages of the transaction coordinator log used at once.'],
  ['Tc_log_page_size', 'bytes', 'Page size of the transaction coordinator log.'],
  ['Ssl_session_cache_size', 'sessions', 'Size of the TLS session cache.'],
];

/** Diamond's InnoDB status values kept as they are; the rest of INNODB_NAMES are counters. */
const innodbGauges = new Set([
  'Innodb_bp_created_per_sec',
  'Innodb_bp_pages_evicted_no_access_per_sec',
  'Innodb_bp_pages_not_young_per_sec',
  'Innodb_bp_pages_read_ahead_per_sec',
  'Innodb_bp_pages_young_per_sec',
  'Innodb_bp_reads_per_sec',
  'Innodb_bp_written_per_sec',
  'Innodb_bp_add_alloc',
  'Innodb_bp_db_pages',
  'Innodb_bp_dictionary_alloc',
  'Innodb_bp_free_buffers',
  'Innodb_bp_hit_rate',
  'Innodb_bp_io_cur_pages',
  'Innodb_bp_io_sum_pages',
  'Innodb_bp_io_unzip_cur_pages',
  'Innodb_bp_io_unzip_sum_pages',
  'Innodb_bp_lru_len',
  'Innodb_bp_modified_pages',
  'Innodb_bp_not_young_hit_rate',
  'Innodb_bp_old_db_pages',
  'Innodb_bp_pending_pages',
  'Innodb_bp_pending_writes_flush_list',
  'Innodb_bp_pending_writes_lru',
  'Innodb_bp_pending_writes_single_page',
  'Innodb_bp_size',
  'Innodb_bp_total_alloc',
  'Innodb_bp_unzip_lru_len',
  'Innodb_bp_young_hit_rate',
  'Innodb_hash_searches_per_sec',
  'Innodb_io_syncs_per_sec',
  'Innodb_log_io_per_sec',
  'Innodb_non_hash_searches_per_sec',
  'Innodb_per_sec_avg',
  'Innodb_reads_per_sec',
  'Innodb_rows_deleted_per_sec',
  'Innodb_rows_inserted_per_sec',
  'Innodb_rows_read_per_sec',
  'Innodb_rows_updated_per_sec',
  'Innodb_sem_spins_per_wait_mutex',
  'Innodb_sem_spins_per_wait_rw_excl',
  'Innodb_sem_spins_per_wait_rw_shared',
  'Innodb_writes_per_sec',
  'Innodb_bytes_per_read',
  'Innodb_hash_node_heap',
  'Innodb_hash_table_size',
  'Innodb_hash_used_cells',
  'Innodb_ibuf_free_list_len',
  'Innodb_ibuf_seg_size',
  'Innodb_ibuf_size',
  'Innodb_io_ibuf_logs',
  'Innodb_io_ibuf_reads',
  'Innodb_io_ibuf_syncs',
  'Innodb_io_pending_flush_bp',
  'Innodb_io_pending_flush_log',
  'Innodb_io_pending_reads',
  'Innodb_io_pending_writes',
  'Innodb_log_pending_checkpoint_writes',
  'Innodb_log_pending_log_writes',
  'Innodb_row_queries_inside',
  'Innodb_row_queries_queue',
  'Innodb_trx_history_list_length',
  'Innodb_trx_total_lock_structs',
]);

/** Names published as they are; every other numeric value is published as its rate. */
export const GAUGES: ReadonlySet<string> = new Set([
  ...statusGauges.map(([name]) => name),
  ...levelsDiamondNeverKnew.map(([name]) => name),
  ...innodbGauges,
  'Innodb_status_process_time',
]);

/** Replica status columns Diamond leaves out (ports, ids and error numbers are not measurements). */
export const IGNORED = new Set(['Master_Port', 'Master_Server_Id', 'Last_Errno', 'Last_IO_Errno', 'Last_SQL_Errno']);

// MariaDB's SHOW GLOBAL STATUS has this row too, so it is published without `innodb` there.
const alsoStatusRows = new Set(['Innodb_ibuf_size']);

const innodbSpecs = INNODB_NAMES.filter((name) => innodbGauges.has(name)).map(
  (name): MetricSpec =>
    alsoStatusRows.has(name)
      ? {
          name,
          type: 'gauge',
          unit: 'pages',
          description: 'Change buffer size: a SHOW GLOBAL STATUS row on MariaDB, else from SHOW ENGINE INNODB STATUS (with `innodb`).',
        }
      : {
          name,
          type: 'gauge',
          unit: /_per_sec$/.test(name) ? 'per second' : 'value',
          description: 'From SHOW ENGINE INNODB STATUS (with `innodb`).',
          enabled: false,
        },
);

const unprefixed: MetricSpec[] = [
  ...statusGauges.map(
    ([name, unit, description]): MetricSpec => ({ name, type: 'gauge', unit, description, ...(name === 'Seconds_Behind_Master' ? { enabled: false } : {}) }),
  ),
  ...levelsDiamondNeverKnew.map(([name, unit, description]): MetricSpec => ({ name, type: 'gauge', unit, description })),
  ...innodbSpecs,
  {
    name: 'Innodb_status_process_time',
    type: 'gauge',
    unit: 'seconds',
    description: 'Seconds spent reading and parsing the InnoDB status (with `innodb`).',
    enabled: false,
  },
  {
    name: 'variables.{variable}',
    type: 'gauge',
    unit: 'value',
    description: 'A SHOW GLOBAL VARIABLES row named in `variables` (max_connections, table_open_cache, ...).',
  },
  {
    name: '{status}',
    type: 'rate',
    unit: 'per second',
    description:
      'Every other numeric row of SHOW GLOBAL STATUS (Com_select, Questions, Bytes_received, ...), of the master and replica status and of the InnoDB status: its change per second.',
  },
];

// A server with a nickname publishes the same names one segment deeper.
export const catalogue: Catalogue = [...unprefixed, ...unprefixed.map((spec): MetricSpec => ({ ...spec, name: `{nickname}.${spec.name}` }))];

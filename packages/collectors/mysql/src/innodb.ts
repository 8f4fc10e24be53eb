// SHOW ENGINE INNODB STATUS is text for people; each line below is matched at its start, as
// Diamond does, and its numbers become the named values in order. The names are Diamond's.
const LINES: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^Total memory allocated (\d+); in additional pool allocated (\d+)/, ['Innodb_bp_total_alloc', 'Innodb_bp_add_alloc']],
  [/^(\d+\.\d+) reads\/s, (\d+\.\d+) creates\/s, (\d+\.\d+) writes\/s/, ['Innodb_bp_reads_per_sec', 'Innodb_bp_created_per_sec', 'Innodb_bp_written_per_sec']],
  [/^ ibuf aio reads: ?(\d+), log i\/o's: ?(\d+), sync i\/o's: ?(\d+)/, ['Innodb_io_ibuf_reads', 'Innodb_io_ibuf_logs', 'Innodb_io_ibuf_syncs']],
  [/^(\d+) pending log (?:writes|flushes), (\d+) pending chkp writes/, ['Innodb_log_pending_log_writes', 'Innodb_log_pending_checkpoint_writes']],
  [/^(\d+\.\d+) hash searches\/s, (\d+\.\d+) non-hash searches\/s/, ['Innodb_hash_searches_per_sec', 'Innodb_non_hash_searches_per_sec']],
  [/^(\d+) queries inside InnoDB, (\d+) queries in queue/, ['Innodb_row_queries_inside', 'Innodb_row_queries_queue']],
  [/^(\d+) lock struct\(s\), heap size (\d+), (\d+) row lock\(s\), undo log entries (\d+)/, ['Innodb_trx_total_lock_structs']],
  [/^(\d+) log i\/o's done, (\d+\.\d+) log i\/o's\/second/, ['Innodb_log_io_total', 'Innodb_log_io_per_sec']],
  [/^(\d+) OS file reads, (\d+) OS file writes, (\d+) OS fsyncs/, ['Innodb_io_os_file_reads', 'Innodb_io_os_file_writes', 'Innodb_io_os_file_fsyncs']],
  [
    /^(\d+\.\d+) inserts\/s, (\d+\.\d+) updates\/s, (\d+\.\d+) deletes\/s, (\d+\.\d+) reads\/s/,
    ['Innodb_rows_inserted_per_sec', 'Innodb_rows_updated_per_sec', 'Innodb_rows_deleted_per_sec', 'Innodb_rows_read_per_sec'],
  ],
  [
    /^(\d+\.\d+) reads\/s, (\d+) avg bytes\/read, (\d+\.\d+) writes\/s, (\d+\.\d+) fsyncs\/s/,
    ['Innodb_reads_per_sec', 'Innodb_bytes_per_read', 'Innodb_io_syncs_per_sec', 'Innodb_writes_per_sec'],
  ],
  [/^(\d+\.\d+) youngs\/s, (\d+\.\d+) non-youngs\/s/, ['Innodb_bp_pages_young_per_sec', 'Innodb_bp_pages_not_young_per_sec']],
  [
    /^Buffer pool hit rate (\d+) \/ \d+, young-making rate (\d+) \/ \d+ not (\d+) \/ \d+/,
    ['Innodb_bp_hit_rate', 'Innodb_bp_young_hit_rate', 'Innodb_bp_not_young_hit_rate'],
  ],
  [/^Buffer pool size +(\d+)/, ['Innodb_bp_size']],
  [/^Database pages +(\d+)/, ['Innodb_bp_db_pages']],
  [/^Dictionary memory allocated (\d+)/, ['Innodb_bp_dictionary_alloc']],
  [/^Free buffers +(\d+)/, ['Innodb_bp_free_buffers']],
  [/^Hash table size (\d+), node heap has (\d+) buffer\(s\)/, ['Innodb_hash_table_size', 'Innodb_hash_node_heap']],
  [/^History list length (\d+)/, ['Innodb_trx_history_list_length']],
  [
    /^I\/O sum\[(\d+)\]:cur\[(\d+)\], unzip sum\[(\d+)\]:cur\[(\d+)\]/,
    ['Innodb_bp_io_sum_pages', 'Innodb_bp_io_cur_pages', 'Innodb_bp_io_unzip_sum_pages', 'Innodb_bp_io_unzip_cur_pages'],
  ],
  [
    /^Ibuf: size (\d+), free list len (\d+), seg size (\d+), (\d+) merges/,
    ['Innodb_ibuf_size', 'Innodb_ibuf_free_list_len', 'Innodb_ibuf_seg_size', 'Innodb_ibuf_merges'],
  ],
  [/^LRU len: (\d+), unzip_LRU len: (\d+)/, ['Innodb_bp_lru_len', 'Innodb_bp_unzip_lru_len']],
  [/^Modified db pages +(\d+)/, ['Innodb_bp_modified_pages']],
  [/^Mutex spin waits (\d+), rounds (\d+), OS waits (\d+)/, ['Innodb_sem_mutex_spin_waits', 'Innodb_sem_mutex_rounds', 'Innodb_sem_mutex_os_waits']],
  [
    /^Number of rows inserted (\d+), updated (\d+), deleted (\d+), read (\d+)/,
    ['Innodb_rows_inserted', 'Innodb_rows_updated', 'Innodb_rows_deleted', 'Innodb_rows_read'],
  ],
  [/^Old database pages (\d+)/, ['Innodb_bp_old_db_pages']],
  [/^OS WAIT ARRAY INFO: reservation count (\d+), signal count (\d+)/, ['Innodb_sem_os_reservation_count', 'Innodb_sem_os_signal_count']],
  [/^Pages made young (\d+), not young (\d+)/, ['Innodb_bp_pages_young', 'Innodb_bp_pages_not_young']],
  [/^Pages read (\d+), created (\d+), written (\d+)/, ['Innodb_bp_pages_read', 'Innodb_bp_pages_created', 'Innodb_bp_pages_written']],
  [
    /^Pages read ahead (\d+\.\d+)\/s, evicted without access (\d+\.\d+)\/s, Random read ahead (\d+\.\d+)\/s/,
    ['Innodb_bp_pages_read_ahead_per_sec', 'Innodb_bp_pages_evicted_no_access_per_sec', 'Innodb_status_bp_pages_random_read_ahead'],
  ],
  [/^Pending flushes \(fsync\) log: (\d+); buffer pool: (\d+)/, ['Innodb_io_pending_flush_log', 'Innodb_io_pending_flush_bp']],
  [/^Pending normal aio reads: (\d+)(?: \[[\d, ]*\])? ?, aio writes: (\d+)/, ['Innodb_io_pending_reads', 'Innodb_io_pending_writes']],
  [
    /^Pending writes: LRU (\d+), flush list (\d+)(?:, single page (\d+))?/,
    ['Innodb_bp_pending_writes_lru', 'Innodb_bp_pending_writes_flush_list', 'Innodb_bp_pending_writes_single_page'],
  ],
  [/^Per second averages calculated from the last (\d+) seconds/, ['Innodb_per_sec_avg']],
  [/^RW-excl spins (\d+), rounds (\d+), OS waits (\d+)/, ['Innodb_sem_rw_excl_spins', 'Innodb_sem_rw_excl_rounds', 'Innodb_sem_rw_excl_os_waits']],
  [/^RW-shared spins (\d+), rounds (\d+), OS waits (\d+)/, ['Innodb_sem_shared_spins', 'Innodb_sem_shared_rounds', 'Innodb_sem_shared_os_waits']],
  [
    /^Spin rounds per wait: (\d+\.\d+) mutex, (\d+\.\d+) RW-shared, (\d+\.\d+) RW-excl/,
    ['Innodb_sem_spins_per_wait_mutex', 'Innodb_sem_spins_per_wait_rw_shared', 'Innodb_sem_spins_per_wait_rw_excl'],
  ],
  [/^srv_master_thread log flush and writes: (\d+)/, ['Innodb_main_thd_log_flush_writes']],
  [
    /^srv_master_thread loops: (\d+) 1_second, (\d+) sleeps, (\d+) 10_second, (\d+) background, (\d+) flush/,
    [
      'Innodb_main_thd_loops_one_sec',
      'Innodb_main_thd_loops_sleeps',
      'Innodb_main_thd_loops_ten_sec',
      'Innodb_main_thd_loops_background',
      'Innodb_main_thd_loops_flush',
    ],
  ],
  [/^(\d+) inserts, (\d+) merged recs, (\d+) merges/, ['Innodb_ibuf_inserts', 'Innodb_ibuf_merged_recs', 'Innodb_ibuf_merges']],
];

/** Every value this parser can produce, in the order of its lines (for the catalogue). */
export const INNODB_NAMES: readonly string[] = [...new Set(LINES.flatMap(([, names]) => names))];

/**
 * The values a SHOW ENGINE INNODB STATUS text holds; each line kind counts once (the first
 * match wins, as in Diamond, so per-buffer-pool sections repeat nothing). Lines a server
 * version does not print are simply absent.
 */
export function parseInnodbStatus(text: string): Map<string, number> {
  const values = new Map<string, number>();
  const todo = new Set(LINES.keys());
  for (const line of text.split('\n')) {
    for (const index of todo) {
      const [pattern, names] = LINES[index]!;
      const match = pattern.exec(line);
      if (!match) continue;
      todo.delete(index);
      names.forEach((name, i) => {
        const value = match[i + 1];
        if (value !== undefined && !values.has(name)) values.set(name, Number(value));
      });
      break;
    }
  }
  return values;
}

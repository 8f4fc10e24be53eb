// test/fixtures/innodb_5.5.17 is Diamond's fixture (python-diamond/Diamond,
// src/collectors/mysqlstat/test/fixtures/innodb_5.5.17): MySQL 5.5 with several buffer pools.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInnodbStatus } from '@spinel/collector-mysql';

const status = readFileSync(new URL('fixtures/innodb_5.5.17', import.meta.url), 'utf8');

describe('SHOW ENGINE INNODB STATUS parsing', () => {
  const values = parseInnodbStatus(status);

  it('reads the figures of each line kind in order', () => {
    expect(Object.fromEntries([...values].filter(([name]) => /^Innodb_(sem_os|sem_spins|main_thd_loops|trx_history|ibuf_|io_pending)/.test(name)))).toEqual({
      Innodb_main_thd_loops_one_sec: 4513,
      Innodb_main_thd_loops_sleeps: 4512,
      Innodb_main_thd_loops_ten_sec: 450,
      Innodb_main_thd_loops_background: 48,
      Innodb_main_thd_loops_flush: 48,
      Innodb_sem_os_reservation_count: 19791,
      Innodb_sem_os_signal_count: 16759,
      Innodb_sem_spins_per_wait_mutex: 4.03,
      Innodb_sem_spins_per_wait_rw_shared: 27.26,
      Innodb_sem_spins_per_wait_rw_excl: 12.5,
      Innodb_trx_history_list_length: 399,
      Innodb_io_pending_reads: 0,
      Innodb_io_pending_writes: 0,
      Innodb_io_pending_flush_log: 0,
      Innodb_io_pending_flush_bp: 0,
      Innodb_ibuf_size: 1,
      Innodb_ibuf_free_list_len: 422645,
      Innodb_ibuf_seg_size: 422647,
      Innodb_ibuf_merges: 265, // 5.5 prints no `inserts, merged recs` line (5.1 did)
    });
  });

  it('takes the totals, not the per-pool sections that repeat the same lines', () => {
    expect(values.get('Innodb_bp_size')).toBe(7864290);
    expect(values.get('Innodb_bp_free_buffers')).toBe(4853881);
    expect(values.get('Innodb_bp_pages_read')).toBe(2392660);
    expect(values.get('Innodb_bp_io_sum_pages')).toBe(674100);
    expect(values.get('Innodb_bp_hit_rate')).toBe(1000);
    expect(values.get('Innodb_bp_total_alloc')).toBe(131868917760);
  });

  it('yields nothing for text it does not know, and an empty status', () => {
    expect(parseInnodbStatus('')).toEqual(new Map());
    expect(parseInnodbStatus('Buffer pool size is unknown\nPages read many')).toEqual(new Map());
  });
});

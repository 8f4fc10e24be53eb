// The counters Diamond's VarnishCollector publishes (its _KEYS_v3 and _KEYS_v4); any other is left out.

/** Varnish 3's unprefixed names. */
export const KEYS_V3: ReadonlySet<string> = new Set([
  'accept_fail', 'backend_busy', 'backend_conn', 'backend_fail', 'backend_recycle', 'backend_req', 'backend_retry', 'backend_reuse',
  'backend_toolate', 'backend_unhealthy', 'cache_hit', 'cache_hitpass', 'cache_miss', 'client_conn', 'client_drop', 'client_drop_late', 'client_req',
  'dir_dns_cache_full', 'dir_dns_failed', 'dir_dns_hit', 'dir_dns_lookups', 'esi_errors', 'esi_warnings', 'fetch_1xx', 'fetch_204', 'fetch_304',
  'fetch_bad', 'fetch_chunked', 'fetch_close', 'fetch_eof', 'fetch_failed', 'fetch_head', 'fetch_length', 'fetch_oldhttp', 'fetch_zero',
  'hcb_insert', 'hcb_lock', 'hcb_nolock', 'losthdr', 'n_backend', 'n_ban', 'n_ban_add', 'n_ban_dups', 'n_ban_obj_test', 'n_ban_re_test',
  'n_ban_retire', 'n_expired', 'n_gunzip', 'n_gzip', 'n_lru_moved', 'n_lru_nuked', 'n_object', 'n_objectcore', 'n_objecthead', 'n_objoverflow',
  'n_objsendfile', 'n_objwrite', 'n_sess', 'n_sess_mem', 'n_vampireobject', 'n_vbc', 'n_vcl', 'n_vcl_avail', 'n_vcl_discard', 'n_waitinglist',
  'n_wrk', 'n_wrk_create', 'n_wrk_drop', 'n_wrk_failed', 'n_wrk_lqueue', 'n_wrk_max', 'n_wrk_queued', 's_bodybytes', 's_fetch', 's_hdrbytes',
  's_pass', 's_pipe', 's_req', 's_sess', 'sess_closed', 'sess_herd', 'sess_linger', 'sess_pipeline', 'sess_readahead', 'shm_cont', 'shm_cycles',
  'shm_flushes', 'shm_records', 'shm_writes', 'sms_balloc', 'sms_bfree', 'sms_nbytes', 'sms_nobj', 'sms_nreq', 'uptime',
]);

/** Varnish 4 and later's names, by section (`MAIN.`, `SMA.`, `VBE.`, ...). */
export const KEYS_V4: ReadonlySet<string> = new Set([
  'LCK.backend.creat', 'LCK.backend.destroy', 'LCK.backend.locks', 'LCK.ban.creat', 'LCK.ban.destroy', 'LCK.ban.locks', 'LCK.busyobj.creat',
  'LCK.busyobj.destroy', 'LCK.busyobj.locks', 'LCK.cli.creat', 'LCK.cli.destroy', 'LCK.cli.locks', 'LCK.exp.creat', 'LCK.exp.destroy',
  'LCK.exp.locks', 'LCK.hcb.creat', 'LCK.hcb.destroy', 'LCK.hcb.locks', 'LCK.hcl.creat', 'LCK.hcl.destroy', 'LCK.hcl.locks', 'LCK.herder.creat',
  'LCK.herder.destroy', 'LCK.herder.locks', 'LCK.hsl.creat', 'LCK.hsl.destroy', 'LCK.hsl.locks', 'LCK.lru.creat', 'LCK.lru.destroy', 'LCK.lru.locks',
  'LCK.mempool.creat', 'LCK.mempool.destroy', 'LCK.mempool.locks', 'LCK.nbusyobj.creat', 'LCK.nbusyobj.destroy', 'LCK.nbusyobj.locks',
  'LCK.objhdr.creat', 'LCK.objhdr.destroy', 'LCK.objhdr.locks', 'LCK.pipestat.creat', 'LCK.pipestat.destroy', 'LCK.pipestat.locks', 'LCK.sess.creat',
  'LCK.sess.destroy', 'LCK.sess.locks', 'LCK.sessmem.creat', 'LCK.sessmem.destroy', 'LCK.sessmem.locks', 'LCK.sma.creat', 'LCK.sma.destroy',
  'LCK.sma.locks', 'LCK.smf.creat', 'LCK.smf.destroy', 'LCK.smf.locks', 'LCK.smp.creat', 'LCK.smp.destroy', 'LCK.smp.locks', 'LCK.sms.creat',
  'LCK.sms.destroy', 'LCK.sms.locks', 'LCK.vbp.creat', 'LCK.vbp.destroy', 'LCK.vbp.locks', 'LCK.vcapace.creat', 'LCK.vcapace.destroy',
  'LCK.vcapace.locks', 'LCK.vcl.creat', 'LCK.vcl.destroy', 'LCK.vcl.locks', 'LCK.vxid.creat', 'LCK.vxid.destroy', 'LCK.vxid.locks', 'LCK.wq.creat',
  'LCK.wq.destroy', 'LCK.wq.locks', 'LCK.wstat.creat', 'LCK.wstat.destroy', 'LCK.wstat.locks', 'MAIN.backend_busy', 'MAIN.backend_conn',
  'MAIN.backend_fail', 'MAIN.backend_recycle', 'MAIN.backend_req', 'MAIN.backend_retry', 'MAIN.backend_reuse', 'MAIN.backend_toolate',
  'MAIN.backend_unhealthy', 'MAIN.bans', 'MAIN.bans_added', 'MAIN.bans_completed', 'MAIN.bans_deleted', 'MAIN.bans_dups',
  'MAIN.bans_lurker_contention', 'MAIN.bans_lurker_obj_killed', 'MAIN.bans_lurker_tested', 'MAIN.bans_lurker_tests_tested', 'MAIN.bans_obj',
  'MAIN.bans_obj_killed', 'MAIN.bans_persisted_bytes', 'MAIN.bans_persisted_fragmentation', 'MAIN.bans_req', 'MAIN.bans_tested',
  'MAIN.bans_tests_tested', 'MAIN.busy_sleep', 'MAIN.busy_wakeup', 'MAIN.cache_hit', 'MAIN.cache_hitpass', 'MAIN.cache_miss', 'MAIN.client_req',
  'MAIN.client_req_400', 'MAIN.client_req_411', 'MAIN.client_req_413', 'MAIN.client_req_417', 'MAIN.esi_errors', 'MAIN.esi_warnings',
  'MAIN.exp_mailed', 'MAIN.exp_received', 'MAIN.fetch_1xx', 'MAIN.fetch_204', 'MAIN.fetch_304', 'MAIN.fetch_bad', 'MAIN.fetch_chunked',
  'MAIN.fetch_close', 'MAIN.fetch_eof', 'MAIN.fetch_failed', 'MAIN.fetch_head', 'MAIN.fetch_length', 'MAIN.fetch_no_thread', 'MAIN.fetch_oldhttp',
  'MAIN.fetch_zero', 'MAIN.hcb_insert', 'MAIN.hcb_lock', 'MAIN.hcb_nolock', 'MAIN.losthdr', 'MAIN.n_backend', 'MAIN.n_expired', 'MAIN.n_gunzip',
  'MAIN.n_gzip', 'MAIN.n_lru_moved', 'MAIN.n_lru_nuked', 'MAIN.n_obj_purged', 'MAIN.n_object', 'MAIN.n_objectcore', 'MAIN.n_objecthead',
  'MAIN.n_purges', 'MAIN.n_vampireobject', 'MAIN.n_vcl', 'MAIN.n_vcl_avail', 'MAIN.n_vcl_discard', 'MAIN.n_waitinglist', 'MAIN.pools',
  'MAIN.s_fetch', 'MAIN.s_pass', 'MAIN.s_pipe', 'MAIN.s_pipe_hdrbytes', 'MAIN.s_pipe_in', 'MAIN.s_pipe_out', 'MAIN.s_req', 'MAIN.s_req_bodybytes',
  'MAIN.s_req_hdrbytes', 'MAIN.s_resp_bodybytes', 'MAIN.s_resp_hdrbytes', 'MAIN.s_sess', 'MAIN.s_synth', 'MAIN.sess_closed', 'MAIN.sess_closed_err',
  'MAIN.sess_conn', 'MAIN.sess_drop', 'MAIN.sess_dropped', 'MAIN.sess_fail', 'MAIN.sess_herd', 'MAIN.sess_pipe_overflow', 'MAIN.sess_pipeline',
  'MAIN.sess_queued', 'MAIN.sess_readahead', 'MAIN.shm_cont', 'MAIN.shm_cycles', 'MAIN.shm_flushes', 'MAIN.shm_records', 'MAIN.shm_writes',
  'MAIN.sms_balloc', 'MAIN.sms_bfree', 'MAIN.sms_nbytes', 'MAIN.sms_nobj', 'MAIN.sms_nreq', 'MAIN.thread_queue_len', 'MAIN.threads',
  'MAIN.threads_created', 'MAIN.threads_destroyed', 'MAIN.threads_failed', 'MAIN.threads_limited', 'MAIN.uptime', 'MAIN.vmods', 'MAIN.vsm_cooling',
  'MAIN.vsm_free', 'MAIN.vsm_overflow', 'MAIN.vsm_overflowed', 'MAIN.vsm_used', 'MGT.child_died', 'MGT.child_dump', 'MGT.child_exit',
  'MGT.child_panic', 'MGT.child_start', 'MGT.child_stop', 'MGT.uptime',
]);

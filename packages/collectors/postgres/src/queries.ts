// The statistics queries, one per Diamond QueryStats class kept (DatabaseStats,
// DatabaseConnectionCount, ConnectionStateStats, LockStats, BackgroundWriterStats,
// DatabaseReplicationStats), each written once for PostgreSQL 10 and later.

/** pg_stat_database per database that accepts connections; counters are bigint (text in node-postgres). */
export const DATABASE_STATS = `
  SELECT d.datname, s.numbackends, s.xact_commit, s.xact_rollback, s.blks_read, s.blks_hit,
         s.tup_returned, s.tup_fetched, s.tup_inserted, s.tup_updated, s.tup_deleted,
         s.deadlocks, s.temp_files, s.temp_bytes, pg_database_size(d.oid) AS size
  FROM pg_database d JOIN pg_stat_database s ON s.datid = d.oid
  WHERE d.datallowconn AND NOT d.datistemplate`;

// Diamond's DatabaseConnectionCount: every datname of pg_stat_activity, its own `postgres` and the
// background workers' NULL (named None, with count(datname) 0) included, whatever `databases` says.
export const CONNECTIONS_BY_DATABASE = `
  SELECT datname, count(datname) AS connections FROM pg_stat_activity GROUP BY datname`;

// Diamond's states. A client waiting on a lock is `waiting`; an idle client's wait on its socket
// (wait_event ClientRead, which Diamond's 9.6 query counted as waiting) is `idle`.
export const CONNECTIONS_BY_STATE = `
  SELECT datname,
         CASE WHEN state = 'active' AND wait_event_type = 'Lock' THEN 'waiting'
              WHEN state = 'active' THEN 'active'
              WHEN state = 'idle' THEN 'idle'
              WHEN state LIKE 'idle in transaction%' THEN 'idletransaction'
              ELSE 'unknown' END AS state,
         count(*) AS count
  FROM pg_stat_activity
  WHERE datname IS NOT NULL AND pid <> pg_backend_pid() AND backend_type = 'client backend'
  GROUP BY 1, 2`;

export const LOCKS_BY_MODE = `
  SELECT d.datname, lower(l.mode) AS mode, count(*) AS count
  FROM pg_locks l JOIN pg_database d ON d.oid = l.database
  GROUP BY 1, 2`;

export const BGWRITER = 'SELECT * FROM pg_stat_bgwriter';

export const REPLICATION = `
  SELECT pg_is_in_recovery() AS replica,
         EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) AS replay_lag`;

export const STATES = ['active', 'waiting', 'idle', 'idletransaction', 'unknown'] as const;
export const DATABASE_TOTALS = [
  'xact_commit',
  'xact_rollback',
  'blks_read',
  'blks_hit',
  'tup_returned',
  'tup_fetched',
  'tup_inserted',
  'tup_updated',
  'tup_deleted',
  'deadlocks',
  'temp_files',
  'temp_bytes',
] as const;
export const BGWRITER_TOTALS = [
  'checkpoints_timed',
  'checkpoints_req',
  'buffers_checkpoint',
  'buffers_clean',
  'maxwritten_clean',
  'buffers_backend',
  'buffers_alloc',
] as const;
/** Diamond's default exclusions when no `databases` filter is set. */
export const EXCLUDED = new Set(['template0', 'template1', 'postgres', 'rdsadmin']);

import type { Catalogue, MetricSpec } from '@spinel/sdk';

const perDatabaseRates: Array<[string, string, string]> = [
  ['xact_commit', 'transactions/s', 'Transactions committed.'],
  ['xact_rollback', 'transactions/s', 'Transactions rolled back.'],
  ['blks_read', 'blocks/s', 'Blocks read from disk.'],
  ['blks_hit', 'blocks/s', 'Blocks found in the buffer cache.'],
  ['tup_returned', 'rows/s', 'Rows returned by queries.'],
  ['tup_fetched', 'rows/s', 'Rows fetched by queries.'],
  ['tup_inserted', 'rows/s', 'Rows inserted.'],
  ['tup_updated', 'rows/s', 'Rows updated.'],
  ['tup_deleted', 'rows/s', 'Rows deleted.'],
  ['deadlocks', 'deadlocks/s', 'Deadlocks detected.'],
  ['temp_files', 'files/s', 'Temporary files created by queries.'],
  ['temp_bytes', 'bytes/s', 'Bytes written to temporary files.'],
];

const bgwriterRates: Array<[string, string, string]> = [
  ['checkpoints_timed', 'checkpoints/s', 'Scheduled checkpoints.'],
  ['checkpoints_req', 'checkpoints/s', 'Requested checkpoints.'],
  ['buffers_checkpoint', 'buffers/s', 'Buffers written during checkpoints.'],
  ['buffers_clean', 'buffers/s', 'Buffers written by the background writer.'],
  ['maxwritten_clean', 'stops/s', 'Times the background writer stopped for writing too many buffers.'],
  ['buffers_backend', 'buffers/s', 'Buffers written by backends themselves.'],
  ['buffers_alloc', 'buffers/s', 'Buffers allocated.'],
];

const STATES = ['active', 'waiting', 'idle', 'idletransaction', 'unknown'];

const oneServer: MetricSpec[] = [
  { name: 'database.{db}.numbackends', type: 'gauge', unit: 'connections', description: 'Backends connected to the database.' },
  { name: 'database.{db}.size', type: 'gauge', unit: 'bytes', description: 'Disk space used by the database.' },
  ...perDatabaseRates.map(([name, unit, description]): MetricSpec => ({ name: `database.{db}.${name}`, type: 'rate', unit, description })),
  { name: 'database.{db}.connections', type: 'gauge', unit: 'connections', description: 'Connections to the database, from pg_stat_activity.' },
  ...STATES.map((state): MetricSpec => ({ name: `{db}.connections.${state}`, type: 'gauge', unit: 'connections', description: `Connections in state ${state} (extended).`, enabled: false })),
  { name: '{db}.locks.{mode}', type: 'gauge', unit: 'locks', description: 'Locks held or awaited, by lower-cased mode (extended).', enabled: false },
  ...bgwriterRates.map(([name, unit, description]): MetricSpec => ({ name: `bgwriter.${name}`, type: 'rate', unit, description: `${description} (extended)`, enabled: false })),
  { name: 'database.replication.replay_lag', type: 'gauge', unit: 'seconds', description: 'Seconds since the last replayed transaction, on a replica (extended).', enabled: false },
];

// With `instances`, each server publishes the same names under its instance name.
export const catalogue: Catalogue = [...oneServer, ...oneServer.map((spec): MetricSpec => ({ ...spec, name: `{instance}.${spec.name}` }))];

import type { Catalogue, MetricSpec } from '@spinel/sdk';

const perDatabaseTotals: Array<[string, string, string]> = [
  ['xact_commit', 'transactions', 'Transactions committed.'],
  ['xact_rollback', 'transactions', 'Transactions rolled back.'],
  ['blks_read', 'blocks', 'Blocks read from disk.'],
  ['blks_hit', 'blocks', 'Blocks found in the buffer cache.'],
  ['tup_returned', 'rows', 'Rows returned by queries.'],
  ['tup_fetched', 'rows', 'Rows fetched by queries.'],
  ['tup_inserted', 'rows', 'Rows inserted.'],
  ['tup_updated', 'rows', 'Rows updated.'],
  ['tup_deleted', 'rows', 'Rows deleted.'],
  ['deadlocks', 'deadlocks', 'Deadlocks detected.'],
  ['temp_files', 'files', 'Temporary files created by queries.'],
  ['temp_bytes', 'bytes', 'Bytes written to temporary files.'],
];

const bgwriterTotals: Array<[string, string, string]> = [
  ['checkpoints_timed', 'checkpoints', 'Scheduled checkpoints.'],
  ['checkpoints_req', 'checkpoints', 'Requested checkpoints.'],
  ['buffers_checkpoint', 'buffers', 'Buffers written during checkpoints.'],
  ['buffers_clean', 'buffers', 'Buffers written by the background writer.'],
  ['maxwritten_clean', 'stops', 'Times the background writer stopped for writing too many buffers.'],
  ['buffers_backend', 'buffers', 'Buffers written by backends themselves.'],
  ['buffers_alloc', 'buffers', 'Buffers allocated.'],
];

const STATES = ['active', 'waiting', 'idle', 'idletransaction', 'unknown'];

const oneServer: MetricSpec[] = [
  { name: 'database.{db}.numbackends', type: 'gauge', unit: 'connections', description: 'Backends connected to the database.' },
  { name: 'database.{db}.size', type: 'gauge', unit: 'bytes', description: 'Disk space used by the database.' },
  ...perDatabaseTotals.map(
    ([name, unit, description]): MetricSpec => ({
      name: `database.{db}.${name}`,
      type: 'counter',
      unit,
      description: `${description} Running total since the statistics were reset.`,
    }),
  ),
  ...perDatabaseTotals.map(
    ([name, unit, description]): MetricSpec => ({
      name: `database.{db}.${name}_per_second`,
      type: 'rate',
      unit: `${unit}/s`,
      description: `${description} Per second (with \`rates\`).`,
      enabled: false,
    }),
  ),
  {
    name: 'database.{datname}.connections',
    type: 'gauge',
    unit: 'connections',
    description: "Connections per datname of pg_stat_activity, as Diamond's count(datname): `postgres` included, background workers as `None` (always 0).",
  },
  ...STATES.map(
    (state): MetricSpec => ({
      name: `{db}.connections.${state}`,
      type: 'gauge',
      unit: 'connections',
      description: `Connections in state ${state} (extended).`,
      enabled: false,
    }),
  ),
  { name: '{db}.locks.{mode}', type: 'gauge', unit: 'locks', description: 'Locks held or awaited, by lower-cased mode (extended).', enabled: false },
  ...bgwriterTotals.map(
    ([name, unit, description]): MetricSpec => ({
      name: `bgwriter.${name}`,
      type: 'counter',
      unit,
      description: `${description} Running total (extended).`,
      enabled: false,
    }),
  ),
  ...bgwriterTotals.map(
    ([name, unit, description]): MetricSpec => ({
      name: `bgwriter.${name}_per_second`,
      type: 'rate',
      unit: `${unit}/s`,
      description: `${description} Per second (extended, with \`rates\`).`,
      enabled: false,
    }),
  ),
  {
    name: 'database.replication.replay_lag',
    type: 'gauge',
    unit: 'seconds',
    description: 'Seconds since the last replayed transaction, on a replica (extended).',
    enabled: false,
  },
];

// With `instances`, each server publishes the same names under its instance name.
export const catalogue: Catalogue = [...oneServer, ...oneServer.map((spec): MetricSpec => ({ ...spec, name: `{instance}.${spec.name}` }))];

import { defineCollector, type CollectContext } from '@spinel/sdk';
import { readEachServer } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { KeptClient, type Server } from './connection.js';
import { options } from './options.js';
import { BGWRITER, BGWRITER_RATES, CONNECTIONS_BY_DATABASE, CONNECTIONS_BY_STATE, DATABASE_RATES, DATABASE_STATS, EXCLUDED, LOCKS_BY_MODE, REPLICATION, STATES } from './queries.js';

type Ctx = CollectContext<typeof options>;

const SSL: Record<string, Server['ssl']> = {
  disable: false,
  prefer: false,
  require: { rejectUnauthorized: false },
  'verify-ca': { rejectUnauthorized: true },
  'verify-full': { rejectUnauthorized: true },
};

const number = (value: unknown): number | undefined => {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

function databaseFilter(ctx: Ctx): (name: string) => boolean {
  const patterns = ctx.options.databases.map((p) => new RegExp(p));
  return patterns.length === 0 ? (name) => !EXCLUDED.has(name) : (name) => patterns.some((re) => re.test(name));
}

function publishRate(ctx: Ctx, name: string, value: number | undefined): void {
  if (value === undefined) return;
  const rate = ctx.derivative(name, value);
  if (rate !== undefined) ctx.publish(name, rate, { type: 'rate', precision: 2 });
}

/** Publishes per-database figures; returns the databases published (the ones that accept connections). */
async function databases(ctx: Ctx, client: KeptClient, wanted: (name: string) => boolean, segment: (name: string) => string): Promise<string[]> {
  const published: string[] = [];
  for (const row of await client.query(DATABASE_STATS)) {
    const name = String(row.datname);
    if (!wanted(name)) continue;
    published.push(name);
    const base = `database.${segment(name)}`;
    ctx.publish(`${base}.numbackends`, number(row.numbackends) ?? 0);
    const size = number(row.size);
    if (size !== undefined) ctx.publish(`${base}.size`, size);
    for (const metric of DATABASE_RATES) publishRate(ctx, `${base}.${metric}`, number(row[metric]));
  }
  for (const row of await client.query(CONNECTIONS_BY_DATABASE)) {
    const name = String(row.datname);
    if (wanted(name)) ctx.publish(`database.${segment(name)}.connections`, number(row.connections) ?? 0);
  }
  return published;
}

async function extended(ctx: Ctx, client: KeptClient, wanted: (name: string) => boolean, segment: (name: string) => string, known: readonly string[]): Promise<void> {
  const states = new Map<string, Map<string, number>>(known.map((name) => [name, new Map(STATES.map((s) => [s, 0]))]));
  for (const row of await client.query(CONNECTIONS_BY_STATE)) {
    const name = String(row.datname);
    if (!wanted(name)) continue;
    const counts = states.get(name) ?? new Map(STATES.map((s) => [s, 0]));
    counts.set(String(row.state), (counts.get(String(row.state)) ?? 0) + (number(row.count) ?? 0));
    states.set(name, counts);
  }
  for (const [name, counts] of states) for (const [state, count] of counts) ctx.publish(`${segment(name)}.connections.${state}`, count);
  for (const row of await client.query(LOCKS_BY_MODE)) {
    const name = String(row.datname);
    if (wanted(name)) ctx.publish(`${segment(name)}.locks.${String(row.mode)}`, number(row.count) ?? 0);
  }
  const [bgwriter] = await client.query(BGWRITER);
  // PostgreSQL 17 moved the checkpoint columns to pg_stat_checkpointer; absent columns are skipped.
  for (const metric of BGWRITER_RATES) publishRate(ctx, `bgwriter.${metric}`, number(bgwriter?.[metric]));
  const [replication] = await client.query(REPLICATION);
  const lag = number(replication?.replay_lag);
  if (replication?.replica === true && lag !== undefined) ctx.publish('database.replication.replay_lag', lag, { precision: 3 });
}

export default defineCollector({
  name: 'postgres',
  description: "PostgreSQL statistics per database, connections, locks, background writer and replication lag (Diamond PostgresqlCollector's names; counters as rates).",
  path: 'postgres',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): KeptClient {
    const o = ctx.options;
    return new KeptClient({ host: o.host, port: o.port, user: o.user, password: o.password, database: o.dbname, ssl: SSL[o.sslmode] ?? false, timeoutMs: o.query_timeout * 1000 });
  },
  teardown(client) {
    client.close();
  },
  collect(ctx, client) {
    const wanted = databaseFilter(ctx);
    const segment = (name: string): string => (ctx.options.underscore ? name.replace(/_/g, '.') : name);
    return readEachServer(ctx.signal, [client], (c) => c.close(), async (c) => {
      const known = await databases(ctx, c, wanted, segment);
      if (ctx.options.extended) await extended(ctx, c, wanted, segment, known);
    });
  },
});

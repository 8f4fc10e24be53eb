import { defineCollector, type CollectContext } from '@spinel/sdk';
import { readEachServer } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { KeptClient, type Server } from './connection.js';
import { options, type Instance } from './options.js';
import {
  BGWRITER,
  BGWRITER_TOTALS,
  CONNECTIONS_BY_DATABASE,
  CONNECTIONS_BY_STATE,
  DATABASE_TOTALS,
  DATABASE_STATS,
  EXCLUDED,
  LOCKS_BY_MODE,
  REPLICATION,
  STATES,
} from './queries.js';

type Ctx = CollectContext<typeof options>;

/** One kept client per server, by instance name ('' for the single server of the plain options). */
export type PostgresResources = Array<[string, KeptClient]>;

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

/** Where one server's figures go: under its instance name when `instances` names several. */
interface Output {
  gauge(name: string, value: number, precision?: number): void;
  /** A running total: under its Diamond name as it is (Diamond's meaning); with `rates`, also its change per second under `<name>_per_second`. */
  total(name: string, counter: number | undefined): void;
}

function output(ctx: Ctx, instance: string): Output {
  const prefix = instance === '' ? '' : `${instance}.`;
  return {
    gauge: (name, value, precision) => ctx.publish(`${prefix}${name}`, value, precision === undefined ? undefined : { precision }),
    total: (name, counter) => {
      if (counter === undefined) return;
      ctx.publish(`${prefix}${name}`, counter, { type: 'counter' });
      if (ctx.options.rates) ctx.publishRate(`${prefix}${name}_per_second`, counter);
    },
  };
}

/** Publishes per-database figures; returns the databases published (the ones that accept connections). */
async function databases(out: Output, client: KeptClient, wanted: (name: string) => boolean, segment: (name: string) => string): Promise<string[]> {
  const published: string[] = [];
  for (const row of await client.query(DATABASE_STATS)) {
    const name = String(row.datname);
    if (!wanted(name)) continue;
    published.push(name);
    const base = `database.${segment(name)}`;
    out.gauge(`${base}.numbackends`, number(row.numbackends) ?? 0);
    const size = number(row.size);
    if (size !== undefined) out.gauge(`${base}.size`, size);
    for (const metric of DATABASE_TOTALS) out.total(`${base}.${metric}`, number(row[metric]));
  }
  for (const row of await client.query(CONNECTIONS_BY_DATABASE)) {
    out.gauge(`database.${row.datname === null ? 'None' : String(row.datname)}.connections`, number(row.connections) ?? 0);
  }
  return published;
}

async function extended(
  out: Output,
  client: KeptClient,
  wanted: (name: string) => boolean,
  segment: (name: string) => string,
  known: readonly string[],
): Promise<void> {
  const states = new Map<string, Map<string, number>>(known.map((name) => [name, new Map(STATES.map((s) => [s, 0]))]));
  for (const row of await client.query(CONNECTIONS_BY_STATE)) {
    const name = String(row.datname);
    if (!wanted(name)) continue;
    const counts = states.get(name) ?? new Map(STATES.map((s) => [s, 0]));
    counts.set(String(row.state), (counts.get(String(row.state)) ?? 0) + (number(row.count) ?? 0));
    states.set(name, counts);
  }
  for (const [name, counts] of states) for (const [state, count] of counts) out.gauge(`${segment(name)}.connections.${state}`, count);
  for (const row of await client.query(LOCKS_BY_MODE)) {
    const name = String(row.datname);
    if (wanted(name)) out.gauge(`${segment(name)}.locks.${String(row.mode)}`, number(row.count) ?? 0);
  }
  const [bgwriter] = await client.query(BGWRITER);
  // PostgreSQL 17 moved the checkpoint columns to pg_stat_checkpointer; absent columns are skipped.
  for (const metric of BGWRITER_TOTALS) out.total(`bgwriter.${metric}`, number(bgwriter?.[metric]));
  const [replication] = await client.query(REPLICATION);
  const lag = number(replication?.replay_lag);
  if (replication?.replica === true && lag !== undefined) out.gauge('database.replication.replay_lag', lag, 3);
}

export default defineCollector({
  name: 'postgres',
  description:
    "PostgreSQL statistics per database, connections, locks, background writer and replication lag (Diamond PostgresqlCollector's names and meanings: running totals as they are; per-second rates with `rates`).",
  path: 'postgres',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): PostgresResources {
    const o = ctx.options;
    const timeoutMs = o.query_timeout * 1000;
    const single: Record<string, Instance> = { '': { host: o.host, port: o.port, user: o.user, password: o.password, dbname: o.dbname, sslmode: o.sslmode } };
    const instances = Object.keys(o.instances).length > 0 ? o.instances : single;
    return Object.entries(instances).map(([name, i]): [string, KeptClient] => [
      name,
      new KeptClient({
        host: i.host ?? o.host,
        port: i.port ?? o.port,
        user: i.user ?? o.user,
        password: i.password ?? o.password,
        database: i.dbname ?? o.dbname,
        ssl: SSL[i.sslmode ?? o.sslmode] ?? false,
        timeoutMs,
      }),
    ]);
  },
  teardown(clients) {
    for (const [, client] of clients) client.close();
  },
  collect(ctx, clients) {
    const wanted = databaseFilter(ctx);
    const segment = (name: string): string => (ctx.options.underscore ? name.replace(/_/g, '.') : name);
    return readEachServer(
      ctx.signal,
      clients,
      ([, c]) => c.close(),
      async ([instance, c]) => {
        const out = output(ctx, instance);
        const known = await databases(out, c, wanted, segment);
        if (ctx.options.extended) await extended(out, c, wanted, segment, known);
      },
    );
  },
});

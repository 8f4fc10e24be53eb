// Against the machine's PostgreSQL (127.0.0.1:5432, trust): a database of the test's own,
// created and dropped here; the server itself is never reconfigured.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector from '@spinel/collector-postgres';
import { freePort, listening, startSilentServer } from '../../../../tooling/services/process.mjs';
import { havePostgresServer, startPostgres, startPostgresReplica, type PostgresServer } from '../../../../tooling/services/postgres.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const machinePostgres = await listening(5432);
if (!machinePostgres) console.log('postgres collector: nothing listens on 127.0.0.1:5432, so the tests against a real server are skipped');
if (!havePostgresServer)
  console.log(
    "postgres collector: Debian's PostgreSQL binaries (/usr/lib/postgresql/<version>/bin/initdb) are missing, so the password and stop/start tests are skipped",
  );

const db = `spinel_test_${process.pid}`;
const now = (): number => Date.now() / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const admin = (database = 'postgres') => new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });

describe.skipIf(!machinePostgres)("postgres collector against the machine's PostgreSQL", () => {
  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db}`);
    await c.query(`CREATE DATABASE ${db}`);
    await c.end();
    const t = admin(db);
    await t.connect();
    await t.query('CREATE TABLE items (id serial PRIMARY KEY, name text)');
    await t.end();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.end();
  });

  const harness = (options: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, { live: true, clock: now, options: { host: '127.0.0.1', ...options }, settings: { interval: 1 } });

  it("publishes per-database values with Diamond's names and meanings: running totals as they are, rates only with `rates`", async () => {
    const h = harness({ databases: [`^${db}$`], rates: true });
    const first = await h.step({ time: now() });
    expect(first.result.error).toBeUndefined();
    const t = admin(db);
    await t.connect();
    for (let i = 0; i < 200; i++) await t.query('INSERT INTO items (name) VALUES ($1)', [`n${i}`]);
    await t.end();
    await sleep(1100); // the statistics collector publishes at most every 500 ms
    const second = await h.step({ time: now() });
    await h.close();
    expect(second.result.error).toBeUndefined();
    const v = second.values;
    // Diamond published pg_stat_database's totals as they are: they grow by what happened.
    const inserted = (step: typeof first): number => step.values.get(`database.${db}.tup_inserted`) ?? Number.NaN;
    expect(inserted(second) - inserted(first)).toBeGreaterThanOrEqual(200);
    expect(second.samples.find((s) => s.name === `database.${db}.tup_inserted`)?.type).toBe('counter');
    expect(v.get(`database.${db}.xact_commit`)).toBeGreaterThan(v.get(`database.${db}.xact_commit_per_second`) ?? Infinity);
    // `rates` adds the change per second under another name.
    expect(v.get(`database.${db}.tup_inserted_per_second`)).toBeGreaterThan(50);
    expect(second.samples.find((s) => s.name === `database.${db}.tup_inserted_per_second`)?.type).toBe('rate');
    expect(v.get(`database.${db}.size`)).toBeGreaterThan(1_000_000);
    expect(v.has(`database.${db}.numbackends`)).toBe(true);
    // Diamond's DatabaseConnectionCount: every datname, `postgres` (the collector's own) and NULL as None (0).
    expect(v.get('database.postgres.connections')).toBeGreaterThanOrEqual(1);
    expect(v.get('database.None.connections')).toBe(0);
    const outsideDb = [...v.keys()].filter((name) => !name.includes(db));
    expect(outsideDb.every((name) => /^database\.[^.]+\.connections$/.test(name))).toBe(true);
    expect(catalogueProblems(collector, second.samples, false)).toEqual([]);
    const plain = harness({ databases: [`^${db}$`] });
    const without = await plain.step({ time: now() });
    await plain.close();
    expect([...without.values.keys()].some((name) => name.endsWith('_per_second'))).toBe(false);
  });

  it('extended: locks by mode, connections by state, the background writer', async () => {
    const holder = admin(db);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
    const h = harness({ databases: [`^${db}$`], extended: true });
    await h.step({ time: now() });
    await sleep(500);
    const step = await h.step({ time: now() });
    await h.close();
    await holder.query('ROLLBACK');
    await holder.end();
    expect(step.result.error).toBeUndefined();
    const v = step.values;
    expect(v.get(`${db}.locks.accessexclusivelock`)).toBeGreaterThanOrEqual(1);
    expect(v.get(`${db}.connections.idletransaction`)).toBeGreaterThanOrEqual(1);
    expect(v.get(`${db}.connections.waiting`)).toBe(0);
    expect(v.has('bgwriter.buffers_alloc')).toBe(true);
    expect(v.has('database.replication.replay_lag')).toBe(false); // not a replica
    expect(catalogueProblems(collector, step.samples, false)).toEqual([]);
  });

  it('keeps one connection across 100 runs, and closes it on stop', async () => {
    const h = harness({ dbname: db, databases: [`^${db}$`] });
    const c = admin();
    await c.connect();
    const ours = async (): Promise<number> =>
      Number((await c.query("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'spinel' AND datname = $1", [db])).rows[0].n);
    for (let i = 0; i < 100; i++) await h.step({ time: now() });
    const during = await ours();
    await h.close();
    await sleep(200);
    const after = await ours();
    await c.end();
    expect(during).toBe(1);
    expect(after).toBe(0);
  });

  it('names host, port and user when the server is down, and recovers on the next run', async () => {
    const port = await freePort();
    const h = harness({ port, query_timeout: 1 });
    const down = await h.step({ time: now() });
    await h.close();
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(down.result.error?.message).toBe(`cannot connect to postgres at 127.0.0.1:${port} (user postgres): ECONNREFUSED`);
    const up = harness({ databases: [`^${db}$`] });
    const ok = await up.step({ time: now() });
    await up.close();
    expect(ok.result.error).toBeUndefined();
  });

  it('ends a run against a server that accepts and never answers at query_timeout', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    const h = harness({ port, query_timeout: 0.5 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    await h.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(step.result.error?.message).toContain(`cannot connect to postgres at 127.0.0.1:${port} (user postgres)`);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { host: '127.0.0.1', extended: true }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe.skipIf(!havePostgresServer)('postgres collector against a PostgreSQL of its own (password authentication)', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.stop());

  const harness = (options: Record<string, unknown>) =>
    new CollectorHarness(collector, {
      live: true,
      clock: now,
      options: { host: '127.0.0.1', port: server.port, databases: ['.*'], ...options },
      settings: { interval: 1 },
    });

  it('names host, port and user for a wrong password, never the password', async () => {
    const h = harness({ password: 'not-the-password' });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error?.message).toBe(
      `cannot connect to postgres at 127.0.0.1:${server.port} (user postgres): password authentication failed for user "postgres"`,
    );
    expect(JSON.stringify(step)).not.toContain('not-the-password');
  });

  it('instances: several servers in one entry, each under its name; one down fails only its own part', async () => {
    const downPort = await freePort();
    const h = new CollectorHarness(collector, {
      live: true,
      clock: now,
      options: {
        databases: ['^postgres$'],
        query_timeout: 1,
        instances: {
          machine: { host: '127.0.0.1', port: 5432 },
          own: { host: '127.0.0.1', port: server.port, password: server.password },
          gone: { host: '127.0.0.1', port: downPort },
        },
      },
      settings: { interval: 1 },
    });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.values.get('machine.database.postgres.numbackends')).toBeGreaterThanOrEqual(0);
    expect(step.values.get('own.database.postgres.numbackends')).toBeGreaterThanOrEqual(1);
    expect([...step.values.keys()].every((name) => /^(machine|own)\./.test(name))).toBe(true);
    expect(step.result.error?.message).toBe(`cannot connect to postgres at 127.0.0.1:${downPort} (user postgres): ECONNREFUSED`);
    expect(catalogueProblems(collector, step.samples, false)).toEqual([]);
  });

  it('instances: a bad entry fails when the config loads, naming the entry and the key', () => {
    const checked = validateOptions(collector.options, { instances: { main: { host: 'db1', prot: 5433 } } });
    expect(checked.issues).toEqual([
      {
        key: 'instances',
        expected: 'mapping of name to {host, port, user, password, dbname, sslmode} (entry main: only host, port, user, password, dbname, sslmode (not prot))',
        found: 'a mapping',
      },
    ]);
  });

  it('extended on a streaming replica: replay_lag, the seconds since the last transaction it replayed', async () => {
    const replica = await startPostgresReplica(server);
    try {
      const primary = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', password: server.password, database: 'postgres' });
      await primary.connect();
      await primary.query('CREATE TABLE IF NOT EXISTS replicated (id int)');
      await primary.query('INSERT INTO replicated VALUES (1)');
      await primary.end();
      const h = new CollectorHarness(collector, {
        live: true,
        clock: now,
        options: { host: '127.0.0.1', port: replica.port, password: server.password, databases: ['^postgres$'], extended: true },
        settings: { interval: 1 },
      });
      let lag: number | undefined;
      for (let attempt = 0; attempt < 50 && lag === undefined; attempt++) {
        await sleep(100); // until the replica has replayed the insert
        lag = (await h.step({ time: now() })).values.get('database.replication.replay_lag');
      }
      await h.close();
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(10);
      const onPrimary = harness({ password: server.password, extended: true });
      const step = await onPrimary.step({ time: now() });
      await onPrimary.close();
      expect(step.values.has('database.replication.replay_lag')).toBe(false);
    } finally {
      await replica.stop();
    }
  }, 60_000);

  it('keeps publishing across a server stop and start', async () => {
    const h = harness({ password: server.password });
    const before = await h.step({ time: now() });
    expect(before.result.error).toBeUndefined();
    expect(before.values.get('database.postgres.numbackends')).toBeGreaterThanOrEqual(1);
    await server.stop();
    const down = await h.step({ time: now() });
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(down.result.error?.message).toContain(`postgres at 127.0.0.1:${server.port} (user postgres)`);
    await server.start();
    const after = await h.step({ time: now() });
    await h.close();
    expect(after.result.error).toBeUndefined();
    expect(after.values.get('database.postgres.numbackends')).toBeGreaterThanOrEqual(1);
  }, 30_000);
});

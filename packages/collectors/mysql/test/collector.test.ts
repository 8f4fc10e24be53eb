// Against the machine's MariaDB (127.0.0.1:3306, root, no password): a database of the test's
// own, created and dropped here; the server itself is never reconfigured. A MariaDB of the
// test's own (password user, binary log) covers a wrong password, a stop and start, a master.
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector from '@spinel/collector-mysql';
import { freePort, listening, startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveMariadbServer, startMariadb, startMariadbReplica, type MariadbServer } from '../../../../tooling/services/mariadb.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const machineMysql = await listening(3306);
if (!machineMysql) console.log('mysql collector: nothing listens on 127.0.0.1:3306, so the tests against the machine server are skipped');
if (!haveMariadbServer)
  console.log(
    "mysql collector: Debian's mariadb-server binaries (/usr/sbin/mariadbd, mariadb-install-db) are missing, so the password, stop/start and master tests are skipped",
  );

const db = `spinel_test_${process.pid}`;
const now = (): number => Date.now() / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const root = (database?: string) => mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database });

describe.skipIf(!machineMysql)("mysql collector against the machine's MariaDB", () => {
  beforeAll(async () => {
    const c = await root();
    await c.query(`DROP DATABASE IF EXISTS ${db}`);
    await c.query(`CREATE DATABASE ${db}`);
    await c.query(`CREATE TABLE ${db}.items (id int AUTO_INCREMENT PRIMARY KEY, name varchar(32)) ENGINE=InnoDB`);
    await c.end();
  });
  afterAll(async () => {
    const c = await root();
    await c.query(`DROP DATABASE IF EXISTS ${db}`);
    await c.end();
  });

  const harness = (options: Record<string, unknown> = {}) => new CollectorHarness(collector, { live: true, clock: now, options, settings: { interval: 1 } });

  it('works with no options: status rows under their own names, counters as rates, gauges as they are', async () => {
    const h = harness();
    const first = await h.step({ time: now() });
    expect(first.result.error).toBeUndefined();
    const c = await root(db);
    for (let i = 0; i < 150; i++) await c.query('INSERT INTO items (name) VALUES (?)', [`n${i}`]);
    await c.end();
    await sleep(1000);
    const second = await h.step({ time: now() });
    await h.close();
    expect(second.result.error).toBeUndefined();
    const v = second.values;
    // 150 inserts within about a second, at interval 1: the rate is the count per second.
    expect(v.get('Com_insert')).toBeGreaterThanOrEqual(100);
    expect(v.get('Handler_write')).toBeGreaterThanOrEqual(100);
    expect(v.get('Threads_connected')).toBeGreaterThanOrEqual(1);
    expect(v.get('variables.max_connections')).toBeGreaterThan(0);
    expect(second.samples.find((s) => s.name === 'Com_insert')?.type).toBe('rate');
    expect(second.samples.find((s) => s.name === 'Threads_connected')?.type).toBe('gauge');
    expect(v.has('Innodb_bp_size')).toBe(false); // innodb is opt-in
    // MariaDB's Memory_used is a level that goes down as well as up: published as it is, never
    // as a rate (a fall once read as a 64-bit wrap: 1.84e18).
    expect(second.samples.find((s) => s.name === 'Memory_used')?.type).toBe('gauge');
    expect(v.get('Memory_used')).toBeGreaterThan(1_000_000);
    expect(v.get('Memory_used')).toBeLessThan(1e12);
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
  });

  it('innodb: parses SHOW ENGINE INNODB STATUS, each name once', async () => {
    const h = harness({ innodb: true, variables: [] });
    await h.step({ time: now() });
    await sleep(1000);
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const v = step.values;
    const mariadb = await root();
    const [[pool]] = (await mariadb.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_total'")) as unknown as [[{ Value: string }]];
    await mariadb.end();
    expect(v.get('Innodb_bp_size')).toBe(Number(pool.Value));
    expect(v.get('Innodb_bp_free_buffers')).toBeGreaterThan(0);
    expect(v.get('Innodb_status_process_time')).toBeLessThan(1);
    expect(new Set(step.samples.map((s) => s.name)).size).toBe(step.samples.length);
    expect([...v.keys()].some((name) => name.startsWith('variables.'))).toBe(false);
    expect(catalogueProblems(collector, step.samples, false)).toEqual([]);
  });

  it('publish narrows the status rows (Diamond writes it space-separated) and warns once about a name the server lacks', async () => {
    const h = harness({ publish: 'Threads_connected Questions No_such_row', variables: [] });
    const first = await h.step({ time: now() });
    const second = await h.step({ time: now() + 1 });
    await h.close();
    expect([...second.values.keys()].sort()).toEqual(['Questions', 'Threads_connected']);
    expect(first.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'publish: localhost has no status row "No_such_row"; SHOW GLOBAL STATUS lists the names',
    ]);
    expect(second.logs.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('hosts: Diamond connection strings; a nickname is a path segment', async () => {
    const h = harness({ hosts: ['root:@127.0.0.1:3306/None/primary', `root:@127.0.0.1/${db}/second`], publish: ['Threads_connected'], variables: [] });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect([...step.values.keys()].sort()).toEqual(['primary.Threads_connected', 'second.Threads_connected']);
    expect(catalogueProblems(collector, step.samples, false)).toEqual([]);
  });

  it('a malformed hosts entry fails when the config loads, by position, never showing the password', () => {
    const checked = validateOptions(collector.options, { hosts: ['root:pw@127.0.0.1/None', 'root:s3cret-pw@127.0.0.1'] });
    expect(checked.issues).toEqual([
      {
        key: 'hosts',
        expected: 'list of `user:password@host:port/db[/nickname]` (entry 2: no `/db` after the host (write `/None` to connect to no database))',
        found: 'a value not shown (the option is secret)',
      },
    ]);
    expect(JSON.stringify(checked.issues)).not.toContain('s3cret-pw');
  });

  it('keeps one connection across 100 runs, and closes it on stop', async () => {
    const h = harness({ db, variables: [] });
    const c = await root();
    const ours = async (): Promise<number> => {
      const [rows] = (await c.query('SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ?', [db])) as unknown as [[{ n: number }]];
      return Number(rows[0].n);
    };
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
    const h = harness({ host: '127.0.0.1', port, query_timeout: 1 });
    const down = await h.step({ time: now() });
    await h.close();
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(down.result.error?.message).toBe(`cannot connect to mysql at 127.0.0.1:${port} (user root): ECONNREFUSED`);
    const up = harness({ host: '127.0.0.1' });
    const ok = await up.step({ time: now() });
    await up.close();
    expect(ok.result.error).toBeUndefined();
  });

  it('ends a run against a server that accepts and never answers at query_timeout, and the next run works', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    const h = harness({ hosts: [`root:@127.0.0.1:${port}/None/silent`, 'root:@127.0.0.1:3306/None/real'], publish: ['Threads_connected'], query_timeout: 0.5 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    const again = await h.step({ time: now() });
    await h.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(4000);
    expect(step.result.error?.message).toBe(`cannot connect to mysql at 127.0.0.1:${port} (user root): ETIMEDOUT after 0.5 s`);
    // The other server of the entry still published, in both runs.
    expect(step.values.get('real.Threads_connected')).toBeGreaterThanOrEqual(1);
    expect(again.values.get('real.Threads_connected')).toBeGreaterThanOrEqual(1);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { innodb: true }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe.skipIf(!haveMariadbServer)('mysql collector against a MariaDB of its own (password, binary log)', () => {
  let server: MariadbServer;
  beforeAll(async () => {
    server = await startMariadb();
  }, 60_000);
  afterAll(async () => server?.stop());

  const harness = (options: Record<string, unknown>) =>
    new CollectorHarness(collector, {
      live: true,
      clock: now,
      options: { host: '127.0.0.1', port: server.port, user: server.user, variables: [], ...options },
      settings: { interval: 1 },
    });

  it('names host, port and user for a wrong password, never the password', async () => {
    const h = harness({ passwd: 'not-the-password' });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error?.message).toBe(
      `cannot connect to mysql at 127.0.0.1:${server.port} (user spinel): Access denied for user 'spinel'@'127.0.0.1' (using password: YES)`,
    );
    expect(JSON.stringify(step)).not.toContain('not-the-password');
  });

  it('master: the binary log position moves as a rate with the writes', async () => {
    const h = harness({ passwd: server.password, master: true, publish: ['Com_insert'] });
    await h.step({ time: now() });
    server.sql(
      'CREATE TABLE spinel_test.t (id int AUTO_INCREMENT PRIMARY KEY, v varchar(200)); INSERT INTO spinel_test.t (v) VALUES (REPEAT("x", 200)), (REPEAT("y", 200));',
    );
    await sleep(1000);
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(step.values.get('Position')).toBeGreaterThan(300); // two 200-byte rows and a CREATE TABLE
    expect(step.samples.find((s) => s.name === 'Position')?.type).toBe('rate');
  });

  it('slave on a replica: Seconds_Behind_Master as it is, the log positions as rates', async () => {
    const replica = await startMariadbReplica(server);
    try {
      const h = new CollectorHarness(collector, {
        live: true,
        clock: now,
        options: {
          hosts: [`${server.user}:${server.password}@127.0.0.1:${replica.port}/None/replica`],
          slave: true,
          publish: ['Threads_connected'],
          variables: [],
        },
        settings: { interval: 1 },
      });
      let first = await h.step({ time: now() });
      for (let attempt = 0; attempt < 50 && !first.values.has('replica.Seconds_Behind_Master'); attempt++) {
        await sleep(100); // until the replica's threads have connected
        first = await h.step({ time: now() });
      }
      server.sql('CREATE TABLE IF NOT EXISTS spinel_test.r (v varchar(200)); INSERT INTO spinel_test.r VALUES (REPEAT("z", 200));');
      await sleep(1000);
      const second = await h.step({ time: now() });
      await h.close();
      expect(second.result.error).toBeUndefined();
      expect(second.values.get('replica.Seconds_Behind_Master')).toBeGreaterThanOrEqual(0);
      expect(second.values.get('replica.Read_Master_Log_Pos')).toBeGreaterThan(200);
      expect(second.samples.find((s) => s.name === 'replica.Read_Master_Log_Pos')?.type).toBe('rate');
      expect(second.values.has('replica.Master_Port')).toBe(false); // Diamond leaves ports and error numbers out
      expect(catalogueProblems(collector, second.samples, false)).toEqual([]);
    } finally {
      await replica.stop();
    }
  }, 60_000);

  it('keeps publishing across a server stop and start', async () => {
    const h = harness({ passwd: server.password, publish: ['Threads_connected'] });
    const before = await h.step({ time: now() });
    expect(before.values.get('Threads_connected')).toBeGreaterThanOrEqual(1);
    await server.stop();
    const down = await h.step({ time: now() });
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(down.result.error?.message).toContain(`mysql at 127.0.0.1:${server.port} (user spinel)`);
    await server.start();
    const after = await h.step({ time: now() });
    await h.close();
    expect(after.result.error).toBeUndefined();
    expect(after.values.get('Threads_connected')).toBeGreaterThanOrEqual(1);
  }, 30_000);
});

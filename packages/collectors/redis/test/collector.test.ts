// Against real servers: the machine's Redis on 127.0.0.1:6379 (only keys of our own, deleted
// after), and servers of the tests' own on free ports for down/up and passwords.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector from '@spinel/collector-redis';
import { listening, startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveRedisServer, startRedis, type RedisServer } from '../../../../tooling/services/redis.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const MACHINE_PORT = 6379;
const now = (): number => Date.now() / 1000;
const machineRedis = await listening(MACHINE_PORT);
const prefix = `spinel-test-${process.pid}`;
const cli = (...args: string[]): string =>
  execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(MACHINE_PORT), ...args])
    .toString()
    .trim();

function harness(options: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) {
  return new CollectorHarness(collector, { live: true, clock: now, options, settings: { interval: 1, ...settings } });
}

if (!machineRedis) console.log(`redis collector: nothing listens on 127.0.0.1:${MACHINE_PORT}, so the tests against the machine's Redis are skipped`);
if (!haveRedisServer)
  console.log('redis collector: redis-server is not installed (apt-get install redis-server), so the down/up and password tests are skipped');

describe.skipIf(!machineRedis)("redis collector against the machine's Redis", () => {
  afterAll(() => {
    const keys = cli('--scan', '--pattern', `${prefix}:*`).split('\n').filter(Boolean);
    if (keys.length > 0) cli('DEL', ...keys);
  });

  it('publishes every catalogued metric with no options, and the values move with the load', async () => {
    const h = harness();
    const first = await h.step({ time: now() });
    expect(first.result.error).toBeUndefined();
    expect(catalogueProblems(collector, first.samples, true)).toEqual([]);
    const commandsBefore = first.values.get('6379.process.commands_processed') ?? Number.NaN;
    const hitsBefore = first.values.get('6379.keyspace.hits') ?? Number.NaN;
    const keysBefore = first.values.get('6379.db0.keys') ?? 0;

    for (let i = 0; i < 50; i++) cli('SET', `${prefix}:${i}`, 'x');
    for (let i = 0; i < 30; i++) cli('GET', `${prefix}:${i}`);
    const second = await h.step({ time: now() });
    await h.close();
    expect(second.result.error).toBeUndefined();
    expect(second.values.get('6379.process.commands_processed')).toBeGreaterThanOrEqual(commandsBefore + 80);
    expect(second.values.get('6379.keyspace.hits')).toBeGreaterThanOrEqual(hitsBefore + 30);
    expect(second.values.get('6379.db0.keys')).toBeGreaterThanOrEqual(keysBefore + 50);
    expect(second.values.get('6379.replication.master')).toBe(1);
    expect(second.values.get('6379.memory.internal_view')).toBeGreaterThan(0);
    expect(second.samples[0]?.path).toMatch(/^servers\.testhost\.redis\.6379\./);
  });

  it('keeps one connection across 100 runs, and closes it on stop', async () => {
    const h = harness({ instances: [`conn-${process.pid}@127.0.0.1:${MACHINE_PORT}`] });
    const ours = (): string[] =>
      cli('CLIENT', 'LIST')
        .split('\n')
        .filter((line) => line.includes(` name=spinel-conn-${process.pid} `));
    await h.step({ time: now() });
    const [first] = ours();
    for (let i = 0; i < 99; i++) await h.step({ time: now() });
    const after = ours();
    await h.close();
    expect(first).toBeDefined();
    expect(after).toHaveLength(1);
    const id = (line: string | undefined): string | undefined => /\bid=(\d+)/.exec(line ?? '')?.[1];
    expect(id(after[0])).toBe(id(first));
    await new Promise((r) => setTimeout(r, 100));
    expect(ours()).toEqual([]);
  });

  it('ends a run against a server that accepts and never answers at its deadline, and the other instance still publishes', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    const h = harness({ instances: [`silent@127.0.0.1:${port}`, `real@127.0.0.1:${MACHINE_PORT}`], socket_timeout: 0.5 }, { timeout: 3 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    const again = await h.step({ time: now() });
    await h.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    // The first request on a new connection is its set-up (CLIENT SETNAME), so that is what times out.
    expect(step.result.error?.message).toContain(`redis at 127.0.0.1:${port} did not answer the connection set-up within 0.5 s`);
    expect(step.values.get('real.clients.connected')).toBeGreaterThan(0);
    expect(again.values.get('real.clients.connected')).toBeGreaterThan(0);
  });

  it(`retains under 1 KB per round over 200 rounds while databases fill and empty`, async () => {
    const report = await measureRetained(
      {
        collector,
        live: true,
        options: {},
        perRound: (round) => {
          cli('-n', String(round % 16), 'SET', `${prefix}:leak`, String(round));
          if (round % 16 === 15) for (let db = 0; db < 16; db++) cli('-n', String(db), 'DEL', `${prefix}:leak`);
          return undefined;
        },
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe.skipIf(!haveRedisServer)('redis collector against a Redis of its own', () => {
  let server: RedisServer;
  let locked: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
    locked = await startRedis({ password: 'correct-horse-battery' });
  });
  afterAll(async () => {
    await server?.stop();
    await locked?.stop();
  });

  it('reports a server that is down, naming host and port, and recovers when it is back', async () => {
    const h = harness({ host: '127.0.0.1', port: server.port });
    expect((await h.step({ time: now() })).values.get(`${server.port}.clients.connected`)).toBeGreaterThan(0);
    await server.stop();
    const down = await h.step({ time: now() });
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(down.result.error?.message).toMatch(new RegExp(`redis at 127\\.0\\.0\\.1:${server.port}\\b.*(ECONNREFUSED|closed)`));
    expect(down.samples).toEqual([]);
    await server.start();
    const back = await h.step({ time: now() });
    await h.close();
    expect(back.result.error).toBeUndefined();
    expect(back.values.get(`${server.port}.process.uptime`)).toBeLessThan(30);
  });

  it('names host and user for a wrong or missing password, never the password', async () => {
    const wrong = harness({ host: '127.0.0.1', port: locked.port, auth: 'not-the-password' });
    const refused = await wrong.step({ time: now() });
    await wrong.close();
    expect(refused.result.error?.message).toContain(`redis at 127.0.0.1:${locked.port} refused the password (user default)`);
    expect(refused.result.error?.message).not.toContain('not-the-password');
    expect(JSON.stringify(refused.logs)).not.toContain('not-the-password');

    const none = harness({ host: '127.0.0.1', port: locked.port });
    const noAuth = await none.step({ time: now() });
    await none.close();
    expect(noAuth.result.error?.message).toContain(`redis at 127.0.0.1:${locked.port} refused INFO: NOAUTH`);

    const right = harness({ instances: [`locked@127.0.0.1:${locked.port}/correct-horse-battery`] });
    const ok = await right.step({ time: now() });
    await right.close();
    expect(ok.result.error).toBeUndefined();
    expect(ok.values.get('locked.clients.connected')).toBeGreaterThan(0);
  });

  it("reads a server over its unix socket, named by the socket's file name", async () => {
    const h = harness({ host: `unix:${server.socket}` });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(step.values.get('redis.clients.connected')).toBeGreaterThan(0);
  });
});

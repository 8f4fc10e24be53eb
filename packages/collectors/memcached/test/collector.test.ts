// Against real memcached servers of the tests' own (Debian's memcached) on free ports.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector from '@spinel/collector-memcached';
import { startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveMemcached, startMemcached, type MemcachedServer } from '../../../../tooling/services/memcached.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const now = (): number => Date.now() / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends text commands on a fresh connection and waits for `replies` END/STORED lines. */
function talk(port: number, commands: string, replies: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(commands));
    let seen = '';
    socket.on('data', (d) => {
      seen += d.toString();
      if ((seen.match(/(END|STORED)\r\n/g) ?? []).length >= replies) {
        socket.end();
        resolve();
      }
    });
    socket.on('error', reject);
  });
}

if (!haveMemcached) console.log('memcached collector: memcached is not installed (apt-get install memcached), so the tests against a real server are skipped');

describe.skipIf(!haveMemcached)('memcached collector against a real memcached', () => {
  let server: MemcachedServer;
  beforeAll(async () => {
    server = await startMemcached({ maxConnections: 77 });
  });
  afterAll(async () => server?.stop());

  const harness = (options: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, {
      live: true,
      clock: now,
      options: { hosts: [`127.0.0.1:${server.port}`], ...options },
      settings: { interval: 1, ...settings },
    });

  it('publishes gauges at once and rates that follow the load, every name in the catalogue', async () => {
    const h = harness();
    const first = await h.step({ time: now() });
    expect(first.result.error).toBeUndefined();
    expect(first.values.get('127.0.0.1.limit_maxconn')).toBe(77);
    expect(first.values.get('127.0.0.1.limit_maxbytes')).toBe(16 * 1024 * 1024);
    const sets = Array.from({ length: 40 }, (_, i) => `set k${i} 0 0 1\r\nx\r\n`).join('');
    const gets = Array.from({ length: 25 }, (_, i) => `get k${i}\r\n`).join('');
    const started = now();
    await talk(server.port, sets, 40);
    await talk(server.port, gets, 25);
    await sleep(1000);
    const second = await h.step({ time: now() });
    const elapsed = now() - started;
    await h.close();
    expect(second.result.error).toBeUndefined();
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
    // Rates per second over the gap between the runs.
    const perSecond = (name: string) => (second.values.get(`127.0.0.1.${name}`) ?? 0) * elapsed;
    expect(perSecond('cmd_set')).toBeGreaterThan(35);
    expect(perSecond('get_hits')).toBeGreaterThan(20);
    expect(second.values.get('127.0.0.1.curr_items')).toBe(40);
    expect(second.samples.find((s) => s.name === '127.0.0.1.cmd_set')?.type).toBe('rate');
    // Levels newer than Diamond's list are published as they are, not as their change.
    expect(second.values.get('127.0.0.1.max_connections')).toBe(77);
    expect(second.samples.find((s) => s.name === '127.0.0.1.read_buf_bytes')?.type).toBe('gauge');
    // Diamond's rusage_user and rusage_system: CPU seconds as counters, so their rates.
    expect(second.samples.find((s) => s.name === '127.0.0.1.rusage_user')?.type).toBe('rate');
    expect(second.values.has('127.0.0.1.rusage_system')).toBe(true);
  });

  it('keeps one connection across 100 runs: total_connections does not grow', async () => {
    const h = harness({ publish: ['total_connections', 'curr_connections'] });
    const totals: number[] = [];
    let last = 0;
    for (let i = 0; i < 100; i++) {
      const step = await h.step({ time: i });
      last = step.values.get('127.0.0.1.curr_connections') ?? Number.NaN;
      if (i > 0) totals.push(step.values.get('127.0.0.1.total_connections') ?? Number.NaN);
    }
    await h.close();
    expect(totals.every((rate) => rate === 0)).toBe(true);
    expect(last).toBeLessThanOrEqual(3);
  });

  it('reports a server that is down, naming host and port, and recovers when it is back', async () => {
    const own = await startMemcached();
    const h = harness({ hosts: [`127.0.0.1:${own.port}`] });
    expect((await h.step({ time: now() })).result.error).toBeUndefined();
    await own.stop();
    const down = await h.step({ time: now() });
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(down.result.error?.message).toMatch(new RegExp(`memcached at 127\\.0\\.0\\.1:${own.port}\\b.*(ECONNREFUSED|closed)`));
    await own.start();
    const back = await h.step({ time: now() });
    await h.close();
    await own.stop();
    expect(back.result.error).toBeUndefined();
    expect(back.values.get(`127.0.0.1.uptime`)).toBeLessThan(30);
  });

  it('ends a run against a server that accepts and never answers at its deadline; the other server still publishes', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    const h = harness({ hosts: [`silent@127.0.0.1:${port}`, `real@127.0.0.1:${server.port}`], socket_timeout: 0.5 }, { timeout: 3 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    await h.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(step.result.error?.message).toContain(`memcached at 127.0.0.1:${port} did not answer stats within 0.5 s`);
    expect(step.values.get('real.uptime')).toBeGreaterThanOrEqual(0);
  });

  it('reads a server over its unix socket, named by the socket file', async () => {
    const own = await startMemcached({ socket: true });
    const h = new CollectorHarness(collector, { live: true, clock: now, options: { hosts: [own.socket] } });
    const step = await h.step({ time: now() });
    await h.close();
    await own.stop();
    expect(step.result.error).toBeUndefined();
    expect(step.values.get('memcached.threads')).toBeGreaterThan(0);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { hosts: [`127.0.0.1:${server.port}`] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

// Against nats-server instances of the test's own with the monitoring port on (-m): one with
// JetStream, one without. The machine's own NATS on 4222 is left alone.
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector from '@spinel/collector-nats';
import { establishedConnections, startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveNatsServer, startNatsServer, type NatsServer } from '../../../../tooling/services/nats.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveNatsServer) console.log('nats collector: /usr/sbin/nats-server is missing (apt-get install nats-server; .ci/run does), so its tests are skipped');

const now = (): number => Date.now() / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!haveNatsServer)('nats collector against a real nats-server', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await startNatsServer({ monitor: true });
  });
  afterAll(async () => server?.stop());

  const harness = (options: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, { live: true, clock: now, options: { url: server.monitorUrl, ...options }, settings: { interval: 1 } });

  it('messages, bytes and connections move with the load; JetStream streams and messages', async () => {
    const h = harness();
    const first = await h.step({ time: now() });
    expect(first.result.error).toBeUndefined();
    const nc = await connect({ servers: server.url });
    const js = nc.jetstream();
    await (await nc.jetstreamManager()).streams.add({ name: 'SPINEL', subjects: ['spinel.>'] });
    const payload = new Uint8Array(100);
    for (let i = 0; i < 300; i++) nc.publish('load.test', payload);
    for (let i = 0; i < 20; i++) await js.publish('spinel.events', payload);
    await nc.flush();
    await sleep(1000);
    const second = await h.step({ time: now() });
    await nc.close();
    await h.close();
    expect(second.result.error).toBeUndefined();
    const v = second.values;
    expect(v.get('in_msgs')).toBeGreaterThanOrEqual(250); // 320 in about a second
    expect(v.get('in_bytes')).toBeGreaterThanOrEqual(25_000);
    expect(v.get('connections')).toBe(1);
    expect(v.get('connz.total')).toBe(1);
    expect(v.get('total_connections')).toBeGreaterThan(0);
    expect(v.get('jetstream.streams')).toBe(1);
    expect(v.get('jetstream.messages')).toBe(20);
    expect(v.get('jetstream.api.total')).toBeGreaterThan(0);
    expect(v.get('uptime')).toBeGreaterThanOrEqual(0);
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
  });

  it('keeps one HTTP connection to the monitoring port across 100 runs', async () => {
    const h = harness({ jetstream: false });
    for (let i = 0; i < 100; i++) await h.step({ time: now() });
    const during = establishedConnections(Number(new URL(server.monitorUrl!).port));
    await h.close();
    await sleep(100);
    // The monitoring port keeps no count of its HTTP clients; the kernel's socket table does.
    expect(during).toBe(1);
    expect(establishedConnections(Number(new URL(server.monitorUrl!).port))).toBe(0);
  });

  it('names the URL when the server is down, and recovers when it is back', async () => {
    const h = harness();
    expect((await h.step({ time: now() })).result.error).toBeUndefined();
    await server.stop();
    const down = await h.step({ time: now() });
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(down.result.error?.message).toMatch(new RegExp(`^GET ${server.monitorUrl!.replaceAll('.', '\\.')}/varz failed: `));
    await server.start();
    const up = await h.step({ time: now() });
    await h.close();
    expect(up.result.error).toBeUndefined();
    expect(up.values.has('connections')).toBe(true);
  });

  it('a server that accepts and never answers: the run ends at request_timeout', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    const h = harness({ url: `http://127.0.0.1:${port}`, request_timeout: 0.5 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    await h.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(step.result.error?.message).toBe(`GET http://127.0.0.1:${port}/varz failed: UND_ERR_HEADERS_TIMEOUT (Headers Timeout Error)`);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    // Three requests a run: undici and the JIT settle over the first hundred or so (measured over
    // 1,500 rounds the slope keeps falling: 520 B at 600 rounds, 240-350 B at 1,500).
    const report = await measureRetained(
      { collector, live: true, options: { url: server.monitorUrl }, perRound: () => undefined },
      { rounds: 200, warmup: 100, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe.skipIf(!haveNatsServer)('nats collector against a nats-server without JetStream', () => {
  it('publishes /varz and /connz, and no jetstream figures', async () => {
    const server = await startNatsServer({ monitor: true, jetstream: false });
    try {
      const h = new CollectorHarness(collector, { live: true, clock: now, options: { url: server.monitorUrl }, settings: { interval: 1 } });
      const step = await h.step({ time: now() });
      await h.close();
      expect(step.result.error).toBeUndefined();
      expect(step.values.has('subscriptions')).toBe(true);
      expect([...step.values.keys()].filter((name) => name.startsWith('jetstream.'))).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

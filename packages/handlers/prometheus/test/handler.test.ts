import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '@spinel/sdk';
import { createHandlerHarness, makeSample, measureRetained, type HandlerHarness } from '@spinel/testing';
import prometheus, { Registry, escapeLabelValue } from '@spinel/handler-prometheus';
import { freePort, havePrometheus, promtoolCheckMetrics, startPrometheus, type Prometheus } from './prometheus.js';

const catalogues: Record<string, Catalogue> = {
  cpu: [{ name: '{cpu}.user', type: 'rate', unit: 'percent', description: 'Time in user mode.' }],
  network: [{ name: '{interface}.rx_packets', type: 'counter', unit: 'packets', description: 'Packets received.' }],
};

async function scrape(port: number): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

function registry(expiration = 0): Registry {
  return new Registry({ mapping: { hostLabel: 'host' }, expiration, maxSeries: 1000, describe: () => undefined });
}

describe('exposition', () => {
  it('escapes label values and keeps the latest value per series', () => {
    expect(escapeLabelValue('a "b" \\ c\nd')).toBe('a \\"b\\" \\\\ c\\nd');
    const r = registry();
    r.update([makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 1, dimensions: { cpu: 'cpu0' } })], 100);
    r.update([makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 2, dimensions: { cpu: 'cpu0' } })], 101);
    expect(r.render(101)).toBe('# HELP cpu_user Spinel metric cpu.cpu0.user\n# TYPE cpu_user gauge\ncpu_user{cpu="cpu0",host="testhost"} 2\n');
  });

  it('series no longer updated expire after two intervals of their collector, so churn cannot grow it', () => {
    const r = registry();
    for (let round = 0; round < 50; round++) {
      const t = 1_700_000_000 + round * 10;
      // a new container every round, as under churn
      r.update([makeSample({ collectorPath: 'docker', name: `c${round}.cpu`, value: round, timestamp: t, dimensions: { container: `c${round}` } })], t);
    }
    // interval 10 s: only the series of the last 20 s are left
    expect(r.size).toBeLessThanOrEqual(3);
    expect(r.render(1_700_000_000 + 49 * 10)).toContain('container="c49"');
    expect(r.render(1_700_000_000 + 49 * 10)).not.toContain('container="c40"');
  });

  it('max_series bounds it even without expiry', () => {
    const r = new Registry({ mapping: {}, expiration: 1e9, maxSeries: 10, describe: () => undefined });
    r.update(
      Array.from({ length: 100 }, (_, i) => makeSample({ name: `m${i}`, value: i })),
      1,
    );
    // past the cap, the oldest go, a tenth of the cap more at once
    expect(r.size).toBe(9);
    expect(r.render(1)).toContain('test_m99');
    expect(r.render(1)).not.toContain('test_m89 ');
  });
});

describe('prometheus handler', () => {
  let port: number;
  let harness: HandlerHarness;
  beforeAll(async () => {
    port = await freePort();
    harness = await createHandlerHarness(prometheus, { port }, () => Date.now() / 1000, catalogues);
  });
  afterAll(() => harness?.close());

  it('serves HELP/TYPE from the catalogues, counters as *_total, and promtool accepts it', async () => {
    const now = Date.now() / 1000;
    await harness.process([
      makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 12.5, type: 'rate', timestamp: now, dimensions: { cpu: 'cpu0' } }),
      makeSample({ collectorPath: 'network', name: 'eth0.rx_packets', value: 42, type: 'counter', timestamp: now, dimensions: { interface: 'eth0' } }),
      makeSample({ collectorPath: 'diskspace', name: 'my disk.free', value: 7, timestamp: now, dimensions: { mount: 'my disk', note: 'say "hi"' } }),
    ]);
    const { status, type, body } = await scrape(port);
    expect(status).toBe(200);
    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(body).toContain('# HELP cpu_user Time in user mode.\n# TYPE cpu_user gauge\ncpu_user{cpu="cpu0",host="testhost"} 12.5\n');
    expect(body).toContain(
      '# HELP network_rx_packets_total Packets received.\n# TYPE network_rx_packets_total counter\nnetwork_rx_packets_total{host="testhost",interface="eth0"} 42\n',
    );
    expect(body).toContain('diskspace_free{host="testhost",mount="my disk",note="say \\"hi\\""} 7');
    if (havePrometheus) {
      const check = promtoolCheckMetrics(body);
      expect(check.output).toBe('');
      expect(check.ok).toBe(true);
    }
  });

  it('answers 404 elsewhere, and a taken port is an error naming it', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    await expect(createHandlerHarness(prometheus, { port })).rejects.toThrow(`prometheus: listen/port: cannot serve on 127.0.0.1:${port} (EADDRINUSE)`);
  });

  it('holds at most max_connections scrapers; the rest are closed as they arrive and said once', async () => {
    const net = await import('node:net');
    const capPort = await freePort();
    const capped = await createHandlerHarness(prometheus, { port: capPort, max_connections: 3, idle_timeout: 1 });
    const sockets = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<import('node:net').Socket>((resolve) => {
            const socket = net.connect(capPort, '127.0.0.1', () => resolve(socket));
            socket.on('error', () => undefined);
          }),
      ),
    );
    const closed = (s: import('node:net').Socket): Promise<void> => new Promise((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));
    // Seven are closed at once; the three held are closed once idle for a second.
    await Promise.all(sockets.map(closed));
    expect(capped.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'prometheus: 3 scrapers are connected (max_connections); refusing more (1 refused so far)',
    ]);
    expect((await scrape(capPort)).status).toBe(200);
    await capped.close();
  });

  it('retains under 1 KB per round over 200 rounds of new series (they expire)', async () => {
    // The agent's clock moves 10 s per round, the collector's interval: series live two rounds.
    let now = 1_700_000_000;
    const leakPort = await freePort();
    const report = await measureRetained(
      {
        handler: prometheus,
        options: { port: leakPort },
        clock: () => now,
        perRound: (r) => {
          now += 10;
          return Array.from({ length: 100 }, (_, i) =>
            makeSample({ collectorPath: 'docker', name: `c${r}_${i}.cpu`, value: i, timestamp: now, dimensions: { container: `c${r}_${i}` } }),
          );
        },
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe.skipIf(!havePrometheus)('a real Prometheus scraping the handler', () => {
  let server: Prometheus;
  let harness: HandlerHarness;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    harness = await createHandlerHarness(prometheus, { port }, () => Date.now() / 1000, catalogues);
    server = await startPrometheus({ scrapeTargets: [`127.0.0.1:${port}`] });
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    await harness?.close();
  });

  it('answers a PromQL query with the values served', async () => {
    await harness.process([
      makeSample({ collectorPath: 'cpu', name: 'cpu1.user', value: 33.25, type: 'rate', timestamp: Date.now() / 1000, dimensions: { cpu: 'cpu1' } }),
      makeSample({
        collectorPath: 'network',
        name: 'lo.rx_packets',
        value: 1234,
        type: 'counter',
        timestamp: Date.now() / 1000,
        dimensions: { interface: 'lo' },
      }),
    ]);
    let cpu: Awaited<ReturnType<Prometheus['query']>> = [];
    for (let i = 0; i < 100 && cpu.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      cpu = await server.query('cpu_user{cpu="cpu1",host="testhost"}');
    }
    expect(cpu).toHaveLength(1);
    expect(cpu[0]?.value?.[1]).toBe('33.25');
    const rx = await server.query('network_rx_packets_total{interface="lo"}');
    expect(rx[0]?.metric).toMatchObject({ __name__: 'network_rx_packets_total', host: 'testhost', interface: 'lo', job: 'spinel' });
    expect(rx[0]?.value?.[1]).toBe('1234');
  }, 30_000);

  it('Prometheus stopped and restarted: the endpoint kept the latest values, and the next scrapes have them', async () => {
    await server.stop();
    await harness.process([
      makeSample({ collectorPath: 'cpu', name: 'cpu1.user', value: 44.5, type: 'rate', timestamp: Date.now() / 1000, dimensions: { cpu: 'cpu1' } }),
    ]);
    expect((await scrape(port)).body).toContain('cpu_user{cpu="cpu1",host="testhost"} 44.5');
    await server.start();
    let value: string | undefined;
    for (let i = 0; i < 100 && value !== '44.5'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      value = (await server.query('cpu_user{cpu="cpu1"}'))[0]?.value?.[1];
    }
    expect(value).toBe('44.5');
  }, 30_000);
});

import dgram from 'node:dgram';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained, runThroughOutage } from '@spinel/testing';
import statsd, { packets, StatsdEncoder } from '@spinel/handler-statsd';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('statsd lines', () => {
  it('gauges as |g, counters as increments of their totals, DogStatsD tags from dimensions', () => {
    const encoder = new StatsdEncoder('dogstatsd', 'spinel', 100, 3600, () => 0);
    const counter = (value: number) =>
      makeSample({ collectorPath: 'network', name: 'eth0.rx_packets', value, type: 'counter', dimensions: { interface: 'eth0' } });
    const first = encoder.encode([makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 12.5, dimensions: { cpu: 'cpu0' } }), counter(100)]);
    expect(first.lines).toEqual(['spinel.cpu.user:12.5|g|#cpu:cpu0,host:testhost']);
    first.commit();
    expect(encoder.encode([counter(130)]).lines).toEqual(['spinel.network.rx_packets:30|c|#interface:eth0,host:testhost']);
  });

  it('a batch that failed and is retried sends the same increments, not zeros', () => {
    const encoder = new StatsdEncoder('none', '', 100, 3600, () => 0);
    const counter = (value: number) => makeSample({ name: 'hits', value, type: 'counter' });
    encoder.encode([counter(10)]).commit();
    expect(encoder.encode([counter(15)]).lines).toEqual(['servers.testhost.test.hits:5|c']);
    // not committed (the send failed): the retry computes the same increment
    const retry = encoder.encode([counter(15)]);
    expect(retry.lines).toEqual(['servers.testhost.test.hits:5|c']);
    retry.commit();
    expect(encoder.encode([counter(15)]).lines).toEqual(['servers.testhost.test.hits:0|c']);
  });

  it('remembers a bounded number of counters', () => {
    const encoder = new StatsdEncoder('none', '', 50, 3600, () => 0);
    for (let i = 0; i < 500; i++) encoder.encode([makeSample({ name: `c${i}`, value: i, type: 'counter' })]).commit();
    expect(encoder.countersRemembered).toBe(50);
  });

  it('packs lines into datagrams without splitting one', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `metric_${i}:${i}|g`);
    const out = packets(lines, 600);
    expect(out.length).toBeGreaterThan(1);
    for (const p of out) expect(p.length).toBeLessThanOrEqual(600);
    expect(out.map((p) => p.toString()).join('\n')).toBe(lines.join('\n'));
  });
});

describe('statsd handler over real sockets', () => {
  let udp: dgram.Socket;
  const datagrams: string[] = [];
  beforeAll(async () => {
    udp = dgram.createSocket('udp4');
    udp.on('message', (m) => datagrams.push(m.toString()));
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  });
  afterAll(() => udp.close());

  it('UDP: the datagrams a socket receives carry every line', async () => {
    const harness = await createHandlerHarness(statsd, { port: udp.address().port, max_packet: 512 });
    const batch = Array.from({ length: 60 }, (_, i) => makeSample({ name: `gauge_${i}`, value: i }));
    await harness.process(batch);
    await harness.close();
    for (let i = 0; i < 50 && datagrams.join('\n').split('\n').length < 60; i++) await sleep(20);
    expect(datagrams.length).toBeGreaterThan(1);
    expect(datagrams.join('\n').split('\n').sort()).toEqual(batch.map((s) => `${s.path}:${s.value}|g`).sort());
  });

  it('retains under 1 KB per round over 200 rounds of new series', async () => {
    const report = await measureRetained(
      {
        handler: statsd,
        options: { port: udp.address().port, max_counters: 1000 },
        perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `c${r}_${i}`, value: r, type: 'counter' })),
      },
      { rounds: 200, warmup: 20, objectCounts: false, onRound: () => void (datagrams.length = 0) },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);

  it('TCP: a StatsD listener stopped and restarted under a running agent receives every gauge once', async () => {
    const received: string[] = [];
    let server: net.Server | undefined;
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    const start = async (): Promise<void> => {
      server = net.createServer((socket) => {
        let rest = '';
        socket.on('data', (d) => {
          const text = rest + d.toString();
          const lines = text.split('\n');
          rest = lines.pop() ?? '';
          received.push(...lines.filter(Boolean));
        });
      });
      await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    };
    const stop = async (): Promise<void> => {
      server?.close();
      // end the open connections so the handler sees the listener gone
      await new Promise((r) => setTimeout(r, 10));
    };
    await start();
    const tracked = new Set<net.Socket>();
    server!.on('connection', (s) => tracked.add(s));
    const { published, stats } = await runThroughOutage({
      handler: { plugin: PACKAGE_DIR, options: { protocol: 'tcp', port, timeout: 1 } },
      searchDir: PACKAGE_DIR,
      hostname: 'outage',
      stop: async () => {
        for (const s of tracked) s.destroy();
        await stop();
      },
      start,
    });
    server?.close();
    expect(stats.dropped).toBe(0);
    expect(published.length).toBeGreaterThanOrEqual(8);
    const ticks = received
      .filter((l) => l.startsWith('servers.outage.tick.runs:'))
      .map((l) => Number(l.slice('servers.outage.tick.runs:'.length).split('|')[0]));
    // every published value arrived; a line taken by the kernel as the listener went away may be lost
    // (StatsD never acknowledges), which is why StatsD counters are increments of totals
    expect(new Set(ticks).size).toBeGreaterThanOrEqual(published.length - 1);
    expect(ticks.length).toBe(new Set(ticks).size);
  }, 60_000);
});

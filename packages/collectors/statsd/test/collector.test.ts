// The listener on real sockets, fed by hot-shots (a StatsD client applications use) and by raw
// datagrams and TCP lines for what a client library would not send (malformed lines).
import dgram from 'node:dgram';
import net from 'node:net';
import { StatsD } from 'hot-shots';
import { describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { Aggregator, parseLine } from '@spinel/collector-statsd';
import { freePort } from '../../../../tooling/services/process.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('statsd lines', () => {
  it('reads counters with sample rates, gauge deltas, timers, sets and DogStatsD tags', () => {
    expect(parseLine('page.views:3|c|@0.5')).toMatchObject({ key: 'page.views', value: 3, type: 'c', rate: 0.5, tags: undefined });
    expect(parseLine('queue.depth:-4|g')).toMatchObject({ type: 'g', value: -4, delta: true });
    expect(parseLine('queue.depth:4|g')).toMatchObject({ type: 'g', value: 4, delta: false });
    expect(parseLine('db.query:12.5|ms|#db:orders,primary')).toMatchObject({ type: 'ms', value: 12.5, tags: { db: 'orders', primary: '' } });
    expect(parseLine('latency:7|h')).toMatchObject({ type: 'ms', value: 7 });
    expect(parseLine('users:alice|s')).toMatchObject({ type: 's', raw: 'alice' });
    for (const bad of ['no-colon', 'k:1', 'k:1|x', 'k:abc|c', ':1|c', 'k:1|c|@0', 'k:1|c|@2']) expect(parseLine(bad)).toBeUndefined();
  });

  it('aggregates an interval: counts and rates, gauges kept, timer statistics, unique set members', () => {
    const a = new Aggregator({ maxSeries: 100, seriesTtlMs: 60_000, maxTimerSamples: 1000, percentiles: [50, 90] });
    for (const line of [
      'hits:1|c',
      'hits:2|c|@0.5',
      'depth:10|g',
      'depth:+5|g',
      'rt:10|ms',
      'rt:20|ms',
      'rt:30|ms',
      'rt:40|ms',
      'who:a|s',
      'who:b|s',
      'who:a|s',
    ])
      a.add(parseLine(line)!);
    const first = Object.fromEntries(a.flush(10).map((f) => [f.name, f.value]));
    expect(first).toMatchObject({
      'hits.count': 5,
      'hits.rate': 0.5,
      depth: 15,
      'rt.count': 4,
      'rt.lower': 10,
      'rt.upper': 40,
      'rt.mean': 25,
      'rt.sum': 100,
      'rt.p50': 20,
      'rt.p90': 40,
      'who.unique': 2,
      '_listener.lines': 11,
    });
    // Nothing new: the gauge stays, counters, timers and sets publish nothing.
    const second = Object.fromEntries(a.flush(10).map((f) => [f.name, f.value]));
    expect(second).toEqual({
      depth: 15,
      '_listener.lines': 0,
      '_listener.malformed': 0,
      '_listener.series': 4,
      '_listener.evicted': 0,
      '_listener.overflow': 0,
    });
  });

  it('stays at max_series under endless new keys: established series keep their counts, the rest go to one overflow series', () => {
    const a = new Aggregator({ maxSeries: 1000, seriesTtlMs: 60_000, maxTimerSamples: 100, percentiles: [90] });
    a.add(parseLine('orders:1|c')!);
    a.flush(10);
    // A key storm: 50,000 new keys in one interval beside a steady counter.
    for (let i = 0; i < 50_000; i++) {
      a.add(parseLine(`container.${i}.requests:1|c`)!);
      if (i % 1000 === 0) a.add(parseLine('orders:2|c')!);
    }
    a.add(parseLine('render:30|ms')!);
    const flushed = Object.fromEntries(a.flush(10).map((f) => [f.name, f.value]));
    expect(a.size).toBe(1000);
    expect(flushed['orders.count']).toBe(100); // 50 lines of 2: the storm did not push it out
    expect(flushed['_listener.evicted']).toBe(0);
    expect(flushed['_listener.overflow']).toBe(50_000 - 999 + 1);
    expect(flushed['_overflow.counters.count']).toBe(50_000 - 999);
    expect(flushed['_overflow.timers.count']).toBe(1);
    expect(flushed['_overflow.timers.upper']).toBe(30);
    // Nothing new: the overflow series publish nothing, as any counter.
    const quiet = Object.fromEntries(a.flush(10).map((f) => [f.name, f.value]));
    expect(quiet['_overflow.counters.count']).toBeUndefined();
    expect(quiet['_listener.overflow']).toBe(0);
  });

  it('drops series idle past series_ttl and takes new keys in their place', () => {
    let now = 0;
    const a = new Aggregator({ maxSeries: 2, seriesTtlMs: 1000, maxTimerSamples: 10, percentiles: [90], now: () => now });
    a.add(parseLine('a:1|c')!);
    a.add(parseLine('b:1|c')!);
    a.add(parseLine('c:1|c')!);
    expect(Object.fromEntries(a.flush(1).map((f) => [f.name, f.value]))['_listener.overflow']).toBe(1);
    now = 5000;
    a.add(parseLine('c:1|c')!);
    const later = Object.fromEntries(a.flush(1).map((f) => [f.name, f.value]));
    expect(later['c.count']).toBe(1);
    expect(later['_listener.evicted']).toBe(2);
    expect(later['_listener.overflow']).toBe(0);
  });
});

describe('statsd listener on real sockets', () => {
  const harness = async (options: Record<string, unknown>) => {
    const port = await freePort();
    return {
      port,
      h: new CollectorHarness(collector, { live: true, clock: () => Date.now() / 1000, options: { port, ...options }, settings: { interval: 2 } }),
    };
  };

  it('hot-shots over UDP: counters, gauges, timings, sets and tags arrive and are published per interval', async () => {
    const { port, h } = await harness({ percentiles: ['90'] });
    await h.step({ time: Date.now() / 1000 }); // binds the listener (setup) and flushes nothing
    const client = new StatsD({ host: '127.0.0.1', port, prefix: 'app.', errorHandler: () => undefined });
    for (let i = 0; i < 100; i++) client.increment('requests');
    client.gauge('workers', 8);
    for (let i = 1; i <= 10; i++) client.timing('render', i * 10);
    client.set('users', 'alice');
    client.set('users', 'bob');
    client.increment('orders', 1, { region: 'eu', shop: 'main' });
    await new Promise<void>((resolve) => client.close(() => resolve()));
    await sleep(200);
    const step = await h.step({ time: Date.now() / 1000 });
    await h.close();
    const v = step.values;
    expect(v.get('app.requests.count')).toBe(100);
    expect(v.get('app.requests.rate')).toBe(50); // 100 in a 2 s interval
    expect(v.get('app.workers')).toBe(8);
    expect(v.get('app.render.count')).toBe(10);
    expect(v.get('app.render.p90')).toBe(90);
    expect(v.get('app.users.unique')).toBe(2);
    expect(v.get('app.orders.eu.main.count')).toBe(1);
    expect(step.samples.find((s) => s.name === 'app.orders.eu.main.count')?.dimensions).toEqual({ region: 'eu', shop: 'main' });
    expect(v.get('_listener.lines')).toBe(114); // 100 + 1 + 10 + 2 + 1
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('TCP lines, malformed lines counted and skipped, and a relay to another StatsD', async () => {
    const relay = dgram.createSocket('udp4');
    const relayed: string[] = [];
    relay.on('message', (m) => relayed.push(m.toString()));
    await new Promise<void>((resolve) => relay.bind(0, '127.0.0.1', resolve));
    const { port, h } = await harness({ protocols: ['udp', 'tcp'], forward: `127.0.0.1:${relay.address().port}` });
    await h.step({ time: Date.now() / 1000 });
    const tcp = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => tcp.once('connect', () => resolve()));
    tcp.write('jobs:1|c\njobs:2|c\nnot a statsd line\njo');
    tcp.write('bs:3|c\n');
    tcp.end();
    await sleep(300);
    const step = await h.step({ time: Date.now() / 1000 });
    await h.close();
    relay.close();
    expect(step.values.get('jobs.count')).toBe(6);
    expect(step.values.get('_listener.malformed')).toBe(1);
    expect(relayed.join('\n').split('\n')).toEqual(['jobs:1|c', 'jobs:2|c', 'not a statsd line', 'jobs:3|c']);
  });

  it('a flood of TCP connections: at most max_connections held, the rest closed and counted, idle clients closed', async () => {
    const { port, h } = await harness({ protocols: ['tcp'], max_connections: 5, idle_timeout: 1 });
    await h.step({ time: Date.now() / 1000 });
    const sockets = await Promise.all(
      Array.from(
        { length: 40 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
            socket.on('error', () => undefined);
          }),
      ),
    );
    await sleep(200);
    const flood = await h.step({ time: Date.now() / 1000 });
    expect(flood.values.get('_listener.connections')).toBe(5);
    expect(flood.values.get('_listener.refused')).toBe(35);
    await sleep(1500);
    const idle = await h.step({ time: Date.now() / 1000 });
    expect(idle.values.get('_listener.connections')).toBe(0);
    expect(idle.values.get('_listener.idle_closed')).toBe(5);
    expect(idle.values.get('_listener.refused')).toBe(0);
    // The listener takes a new client once the idle ones are gone.
    const late = net.connect(port, '127.0.0.1');
    late.write('late:1|c\n');
    late.end();
    await sleep(200);
    expect((await h.step({ time: Date.now() / 1000 })).values.get('late.count')).toBe(1);
    await h.close();
    for (const s of sockets) s.destroy();
  });

  it('refuses to forward to its own address, which would loop every line forever', () => {
    const issues = (options: Record<string, unknown>) => validatePluginOptions(collector, options).issues;
    for (const forward of ['127.0.0.1:8125', 'localhost:8125', '127.0.0.2:8125']) {
      expect(issues({ forward })).toEqual([expect.objectContaining({ key: 'forward', found: JSON.stringify(forward) })]);
    }
    expect(issues({ listen: '0.0.0.0', port: 9000, forward: '127.0.0.1:9000' })).toHaveLength(1);
    expect(issues({ forward: '127.0.0.1:8126' })).toEqual([]);
    expect(issues({ listen: '10.0.0.5', forward: '127.0.0.1:8125' })).toEqual([]);
  });

  it('a port that is taken fails setup naming the keys, the protocol and the address', async () => {
    const taken = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => taken.bind(0, '127.0.0.1', resolve));
    const port = taken.address().port;
    const h = new CollectorHarness(collector, { live: true, options: { port } });
    await expect(h.step({ time: Date.now() / 1000 })).rejects.toThrow(`statsd: listen/port: cannot listen on udp 127.0.0.1:${port} (EADDRINUSE)`);
    await h.close();
    taken.close();
  });

  it('retains under 1 KB per round over 200 rounds of new keys', async () => {
    const port = await freePort();
    const client = dgram.createSocket('udp4');
    const report = await measureRetained(
      {
        collector,
        live: true,
        options: { port, max_series: 500, series_ttl: 1 },
        // 20 keys never seen before every round; they arrive while the round runs.
        perRound: (round) => {
          client.send(Array.from({ length: 20 }, (_, i) => `churn.${round}.${i}:1|c`).join('\n'), port, '127.0.0.1');
          return undefined;
        },
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    client.close();
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

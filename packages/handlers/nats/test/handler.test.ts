import { fileURLToPath } from 'node:url';
import { AckPolicy, connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained, runThroughOutage } from '@spinel/testing';
import handler, { messagesFor, subjectOf } from '@spinel/handler-nats';
import { haveNatsServer, startNatsServer, type NatsServer } from '../../../../tooling/services/nats.mjs';

if (!haveNatsServer) console.log('nats handler server tests skipped: nats-server is not installed (apt-get install nats-server; .ci/run does)');
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const AUTH = { user: 'spinel', password: 'nats-pass' };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Record {
  path: string;
  value: number;
  timestamp: number;
}

describe('nats messages', () => {
  it('makes every placeholder a single subject token', () => {
    expect(subjectOf('spinel.{host}.{collector}.{name}', { host: 'web1.example.com', collectorPath: 'cpu', name: 'cpu0.user' })).toBe(
      'spinel.web1_example_com.cpu.cpu0_user',
    );
    expect(subjectOf('x.{host}', { host: 'a b*>', collectorPath: '', name: '' })).toBe('x.a_b__');
  });

  it('per batch: one JSON array per subject', () => {
    const out = messagesFor(
      [
        makeSample({ collectorPath: 'cpu', name: 'a', value: 1 }),
        makeSample({ collectorPath: 'cpu', name: 'b', value: 2 }),
        makeSample({ collectorPath: 'mem', name: 'c', value: 3 }),
      ],
      'spinel.{host}.{collector}',
      'batch',
    );
    expect(out.map((m) => [m.subject, (JSON.parse(m.data) as Record[]).length])).toEqual([
      ['spinel.testhost.cpu', 2],
      ['spinel.testhost.mem', 1],
    ]);
  });
});

describe.skipIf(!haveNatsServer)('nats handler against a real nats-server with JetStream', () => {
  let server: NatsServer;
  let reader: NatsConnection;
  beforeAll(async () => {
    server = await startNatsServer(AUTH);
    reader = await connect({ servers: server.url, user: AUTH.user, pass: AUTH.password });
  }, 20_000);
  afterAll(async () => {
    await reader?.close();
    await server?.stop();
  });

  /** Every record stored in a stream, read by a real JetStream consumer. */
  async function streamRecords(stream: string): Promise<Record[]> {
    const jsm = await reader.jetstreamManager();
    const name = `reader-${Math.random().toString(36).slice(2)}`;
    await jsm.consumers.add(stream, { durable_name: name, ack_policy: AckPolicy.Explicit });
    const consumer = await reader.jetstream().consumers.get(stream, name);
    const out: Record[] = [];
    const info = await jsm.streams.info(stream);
    const messages = await consumer.fetch({ max_messages: info.state.messages, expires: 2000 });
    for await (const m of messages) {
      out.push(...([] as Record[]).concat(JSON.parse(new TextDecoder().decode(m.data)) as Record | Record[]));
      m.ack();
      if (out.length > 0 && m.info.pending === 0) break;
    }
    return out;
  }

  it('core: a real subscriber receives every sample', async () => {
    const received: Record[] = [];
    const sub = reader.subscribe('spinel.testhost.>');
    void (async () => {
      for await (const m of sub) received.push(...(JSON.parse(new TextDecoder().decode(m.data)) as Record[]));
    })();
    await reader.flush();
    const harness = await createHandlerHarness(handler, { servers: [server.url], ...AUTH });
    const batch = Array.from({ length: 30 }, (_, i) => makeSample({ collectorPath: i % 2 ? 'cpu' : 'memory', name: `m${i}`, value: i }));
    await harness.process(batch);
    await harness.close();
    for (let i = 0; i < 50 && received.length < 30; i++) await sleep(20);
    sub.unsubscribe();
    expect(received.map((r) => r.path).sort()).toEqual(batch.map((s) => s.path).sort());
  });

  it('jetstream: creates the stream when asked, and a consumer reads back every sample', async () => {
    const harness = await createHandlerHarness(handler, {
      servers: [server.url],
      ...AUTH,
      mode: 'jetstream',
      stream: 'METRICS',
      create_stream: true,
      stream_subjects: ['metrics.>'],
      subject: 'metrics.{host}.{collector}',
      per: 'sample',
    });
    const batch = Array.from({ length: 10 }, (_, i) => makeSample({ name: `js${i}`, value: i / 2 }));
    await harness.process(batch);
    await harness.close();
    expect((await streamRecords('METRICS')).map((r) => [r.path, r.value])).toEqual(batch.map((s) => [s.path, s.value]));
  });

  it('jetstream without the stream and without create_stream says what to do', async () => {
    const harness = await createHandlerHarness(handler, { servers: [server.url], ...AUTH, mode: 'jetstream', stream: 'MISSING' });
    await expect(harness.process([makeSample({ name: 'a', value: 1 })])).rejects.toMatchObject({
      code: 'SPINEL_DELIVERY_PERMANENT',
      message: `nats: stream MISSING does not exist on ${server.url}; create it or set create_stream: true`,
    });
    await harness.close();
  });

  it('refused credentials are permanent and say what to check', async () => {
    const harness = await createHandlerHarness(handler, { servers: [server.url], user: 'spinel', password: 'wrong-pass-3' });
    const error = (await harness.process([makeSample({ name: 'a', value: 1 })]).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('SPINEL_DELIVERY_PERMANENT');
    expect(error.message).toContain(`nats: ${server.url} refused the credentials`);
    expect(error.message).not.toContain('wrong-pass-3');
    await harness.close();
  });

  it('retains under 1 KB per round over 200 rounds of new series', async () => {
    const report = await measureRetained(
      {
        handler,
        options: { servers: [server.url], ...AUTH, subject: 'leak.{collector}' },
        perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `s${r}_${i}`, value: i })),
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);

  it('jetstream: the server stopped and restarted under a running agent, every sample is in the stream once', async () => {
    const { published, stats } = await runThroughOutage({
      handler: {
        plugin: PACKAGE_DIR,
        options: {
          servers: [server.url],
          ...AUTH,
          mode: 'jetstream',
          stream: 'OUTAGE',
          create_stream: true,
          stream_subjects: ['outage.>'],
          subject: 'outage.{host}.{collector}',
          timeout: 1,
        },
      },
      searchDir: PACKAGE_DIR,
      hostname: 'outage',
      stop: async () => {
        await reader.close();
        await server.stop();
      },
      start: async () => {
        await server.start();
        reader = await connect({ servers: server.url, user: AUTH.user, pass: AUTH.password });
      },
    });
    expect(stats.dropped).toBe(0);
    expect(published.length).toBeGreaterThanOrEqual(8);
    const stored = (await streamRecords('OUTAGE')).filter((r) => r.path === 'servers.outage.tick.runs').map((r) => [r.timestamp, r.value]);
    expect(stored).toEqual(published);
  }, 60_000);
});

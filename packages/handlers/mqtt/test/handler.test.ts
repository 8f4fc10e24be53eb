import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained, runThroughOutage } from '@spinel/testing';
import handler, { messagesFor } from '@spinel/handler-mqtt';
import { haveMosquitto, startMosquitto, type Mosquitto } from '../../../../tooling/services/mosquitto.mjs';

if (!haveMosquitto) console.log('mqtt handler broker tests skipped: mosquitto is not installed (apt-get install mosquitto; .ci/run does)');
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('mqtt messages', () => {
  it("per sample: Diamond's topic (the path, dots as slashes) and payload `value timestamp`", () => {
    expect(
      messagesFor([makeSample({ name: 'cpu0.user', value: 1.5, timestamp: 1_700_000_000.6 })], {
        mode: 'sample',
        topic: '{path}',
        batchTopic: '',
        prefix: 'metrics',
        payload: 'diamond',
      }),
    ).toEqual([{ topic: 'metrics/servers/testhost/test/cpu0/user', payload: '1.5 1700000000' }]);
  });

  it('per batch: one JSON message per host; wildcards never reach a topic', () => {
    const [message] = messagesFor([makeSample({ name: 'a', value: 1, host: 'h#1' }), makeSample({ name: 'b', value: 2, host: 'h#1' })], {
      mode: 'batch',
      topic: '',
      batchTopic: 'spinel/{host}/batch',
      prefix: '',
      payload: 'json',
    });
    expect(message?.topic).toBe('spinel/h_1/batch');
    expect(JSON.parse(message?.payload ?? '[]')).toHaveLength(2);
  });
});

describe.skipIf(!haveMosquitto)('mqtt handler against a real Mosquitto', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto({ users: { spinel: 'broker-pass', reader: 'reader-pass' } });
  }, 20_000);
  afterAll(() => broker?.stop());

  /** A real subscriber with a persistent session, so it also gets what arrives while the broker restarts. */
  async function subscriber(topic: string): Promise<{ messages: Array<{ topic: string; payload: string }>; end(): void }> {
    const messages: Array<{ topic: string; payload: string }> = [];
    const client = mqtt.connect(broker.url, {
      username: 'reader',
      password: 'reader-pass',
      clientId: `reader-${Math.random()}`,
      clean: false,
      reconnectPeriod: 200,
    });
    client.on('message', (t, p) => messages.push({ topic: t, payload: p.toString() }));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => client.subscribe(topic, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
      client.once('error', reject);
    });
    return { messages, end: () => client.end(true) };
  }

  it('a subscriber receives every sample, QoS 1, on its topic', async () => {
    const sub = await subscriber('servers/testhost/#');
    const harness = await createHandlerHarness(handler, { url: broker.url, username: 'spinel', password: 'broker-pass' });
    const batch = Array.from({ length: 20 }, (_, i) => makeSample({ name: `m${i}`, value: i * 1.5 }));
    await harness.process(batch);
    await harness.close();
    for (let i = 0; i < 50 && sub.messages.length < 20; i++) await sleep(20);
    sub.end();
    expect(sub.messages.sort((a, b) => a.topic.localeCompare(b.topic))).toEqual(
      batch.map((s) => ({ topic: s.path.replaceAll('.', '/'), payload: `${s.value} 1700000000` })).sort((a, b) => a.topic.localeCompare(b.topic)),
    );
  });

  it('refused credentials are permanent and say what to check', async () => {
    const harness = await createHandlerHarness(handler, { url: broker.url, username: 'spinel', password: 'wrong-pass-7' });
    const error = (await harness.process([makeSample({ name: 'a', value: 1 })]).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('SPINEL_DELIVERY_PERMANENT');
    expect(error.message).toMatch(/^mqtt: 127\.0\.0\.1:\d+ refused the connection \(Connection refused: .*; check username and password\)$/);
    expect(error.message).not.toContain('wrong-pass-7');
    await harness.close();
  });

  it('retains under 1 KB per round over 200 rounds of new series (batch mode)', async () => {
    const report = await measureRetained(
      {
        handler,
        options: { url: broker.url, username: 'spinel', password: 'broker-pass', mode: 'batch' },
        perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `s${r}_${i}`, value: i })),
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);

  it('the broker stopped and restarted under a running agent: the subscriber gets every sample', async () => {
    const sub = await subscriber('servers/outage/tick/runs');
    const { published, stats } = await runThroughOutage({
      handler: { plugin: PACKAGE_DIR, options: { url: broker.url, username: 'spinel', password: 'broker-pass', timeout: 1 } },
      searchDir: PACKAGE_DIR,
      hostname: 'outage',
      stop: () => broker.stop(),
      start: () => broker.start(),
    });
    for (let i = 0; i < 100 && new Set(sub.messages.map((m) => m.payload)).size < published.length; i++) await sleep(50);
    sub.end();
    expect(stats.dropped).toBe(0);
    expect(published.length).toBeGreaterThanOrEqual(8);
    const got = [...new Set(sub.messages.map((m) => m.payload))].map((p) => p.split(' ').map(Number)).map(([v, t]) => [t, v]);
    expect(got.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!)).toEqual(published.map(([t, v]) => [Math.trunc(t), v]));
  }, 60_000);
});

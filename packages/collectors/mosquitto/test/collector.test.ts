// Against Mosquitto brokers of the test's own (sys_interval 1, so $SYS moves within a test);
// the machine's broker on 1883 is left alone.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { sysMetric } from '@spinel/collector-mosquitto';
import { establishedConnections, startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveMosquitto, startMosquitto, type Mosquitto } from '../../../../tooling/services/mosquitto.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveMosquitto) console.log('mosquitto collector: /usr/sbin/mosquitto is missing (apt-get install mosquitto; .ci/run does), so its tests are skipped');

const now = (): number => Date.now() / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('$SYS topics as metrics', () => {
  it('names by topic path, numbers from the payload; text is not a metric', () => {
    expect(sysMetric('$SYS/broker/load/messages/received/1min', '1.97')).toEqual({ name: 'load.messages.received.1min', value: 1.97 });
    expect(sysMetric('$SYS/broker/retained messages/count', '53')).toEqual({ name: 'retained_messages.count', value: 53 });
    expect(sysMetric('$SYS/broker/uptime', '25 seconds')).toEqual({ name: 'uptime', value: 25 });
    expect(sysMetric('$SYS/broker/version', 'mosquitto version 2.0.11')).toBeUndefined();
    expect(sysMetric('other/topic', '1')).toBeUndefined();
  });
});

describe.skipIf(!haveMosquitto)('mosquitto collector against a real broker', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto({ sysInterval: 1 });
  });
  afterAll(async () => broker?.stop());

  const harness = (options: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, { live: true, clock: now, options: { url: broker.url, ...options }, settings: { interval: 2 } });

  it('messages and bytes move with the load; clients and retained messages as they are', async () => {
    const h = harness();
    const first = await h.step({ time: now() });
    expect(first.result.error).toBeUndefined();
    // The first run reads the retained $SYS values, up to sys_interval old (taken before we came).
    expect(first.values.has('clients.connected')).toBe(true);
    const publisher = await mqtt.connectAsync(broker.url);
    for (let i = 0; i < 200; i++) await publisher.publishAsync('load/test', Buffer.alloc(100), { qos: 1 });
    await publisher.publishAsync('load/retained', 'kept', { retain: true, qos: 1 });
    await sleep(2100); // two $SYS updates
    const second = await h.step({ time: now() });
    await publisher.endAsync();
    await h.close();
    expect(second.result.error).toBeUndefined();
    const v = second.values;
    // 201 publishes over a 2 s interval: about 100 per second of PUBLISH received.
    expect(v.get('publish.messages.received')).toBeGreaterThanOrEqual(80);
    expect(v.get('publish.bytes.received')).toBeGreaterThanOrEqual(8000);
    expect(v.get('clients.connected')).toBe(2);
    expect(v.get('retained_messages.count')).toBeGreaterThanOrEqual(1);
    expect(v.get('uptime')).toBeGreaterThan(0);
    expect(v.has('load.messages.received.1min')).toBe(true);
    expect(second.samples.find((s) => s.name === 'publish.messages.received')?.type).toBe('rate');
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
  });

  it('keeps one subscription across 100 runs: one socket to the broker, which counts one client', async () => {
    const h = harness();
    for (let i = 0; i < 100; i++) await h.step({ time: now() });
    expect(establishedConnections(broker.port)).toBe(1);
    // The broker's own count arrives with its next $SYS update (every second here, later on a loaded machine).
    let connected: number | undefined;
    for (let attempt = 0; attempt < 40 && connected !== 1; attempt++) {
      await sleep(250);
      connected = (await h.step({ time: now() })).values.get('clients.connected');
    }
    await h.close();
    await sleep(200);
    expect(connected).toBe(1);
    expect(establishedConnections(broker.port)).toBe(0);
  });

  it('names the broker when it is down, and recovers when it is back', async () => {
    const h = harness();
    expect((await h.step({ time: now() })).result.error).toBeUndefined();
    await broker.stop();
    await sleep(100);
    let down: Awaited<ReturnType<typeof h.step>>;
    try {
      down = await h.step({ time: now() });
    } finally {
      await broker.start();
    }
    expect(down.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(down.result.error?.message).toBe(`cannot subscribe to $SYS/broker/# at mqtt://127.0.0.1:${broker.port}: ECONNREFUSED`);
    expect(down.samples).toEqual([]); // nothing stale from the lost connection
    const up = await h.step({ time: now() });
    await h.close();
    expect(up.result.error).toBeUndefined();
    expect(up.values.get('uptime')).toBeLessThan(5); // the restarted broker's
  });

  it('a broker that accepts and never answers: the run ends at connect_timeout', async () => {
    const silent = await startSilentServer();
    const { port } = silent;
    const h = harness({ url: `mqtt://127.0.0.1:${port}`, connect_timeout: 0.5 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    await h.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(step.result.error?.message).toBe(`cannot subscribe to $SYS/broker/# at mqtt://127.0.0.1:${port}: no CONNACK within 0.5 s`);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { url: broker.url }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe.skipIf(!haveMosquitto)('mosquitto collector against a broker with passwords', () => {
  it('names the broker and the user for a wrong password, never the password', async () => {
    const broker = await startMosquitto({ users: { watcher: 'right-password' } });
    try {
      const wrong = new CollectorHarness(collector, {
        live: true,
        clock: now,
        options: { url: broker.url, username: 'watcher', password: 'not-the-password' },
        settings: { interval: 1 },
      });
      const refused = await wrong.step({ time: now() });
      await wrong.close();
      expect(refused.result.error?.message).toMatch(
        new RegExp(
          `^cannot subscribe to \\$SYS/broker/# at mqtt://127\\.0\\.0\\.1:${broker.port} \\(user watcher\\): .*(Not authorized|Bad User Name or Password).* \\(check username and password\\)$`,
        ),
      );
      expect(JSON.stringify(refused)).not.toContain('not-the-password');
      const right = new CollectorHarness(collector, {
        live: true,
        clock: now,
        options: { url: broker.url, username: 'watcher', password: 'right-password' },
        settings: { interval: 1 },
      });
      const ok = await right.step({ time: now() });
      await right.close();
      expect(ok.result.error).toBeUndefined();
    } finally {
      await broker.stop();
    }
  });
});

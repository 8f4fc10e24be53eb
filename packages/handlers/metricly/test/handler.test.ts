import { afterEach, describe, expect, it } from 'vitest';
import { validateOptions } from '@spinel/sdk';
import { createHandlerHarness, makeSample, measureRetained } from '@spinel/testing';
import metricly, { humanSize, parseTags } from '@spinel/handler-metricly';
import { startReceiver, type Receiver } from '../../../metricly-client/test/receiver.js';

const API_KEY = 'abcdef0123456789';
const receivers: Receiver[] = [];
async function receiver(keep = true): Promise<Receiver> {
  const started = await startReceiver({ apiKey: API_KEY, keep });
  receivers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('metricly handler options', () => {
  it('requires api_key and names it', () => {
    expect(validateOptions(metricly.options, {}).issues).toEqual([{ key: 'api_key', expected: 'a value (this option is required)', found: 'nothing' }]);
    expect(validateOptions(metricly.options, { api_key: '' }).issues[0]).toMatchObject({ key: 'api_key', expected: 'a non-empty string' });
  });

  it("parses Diamond's tag syntax and sizes like Diamond", () => {
    expect(parseTags(['env:prod', ' team : web ', 'solo'])).toEqual([
      { name: 'env', value: 'prod' },
      { name: 'team', value: 'web' },
      { name: 'solo', value: '' },
    ]);
    expect(humanSize(16 * 1024 ** 3)).toBe('16.00 GB');
    expect(humanSize(512)).toBe('512.00 B');
  });
});

describe('metricly handler against the strict receiver', () => {
  it('posts one element per host with metadata, config tags, relations and Diamond metric ids', async () => {
    const rx = await receiver();
    const harness = await createHandlerHarness(metricly, {
      url: rx.url,
      api_key: API_KEY,
      tags: ['env:prod'],
      relations: ['pool-a'],
      location: 'lab',
      docker_metadata: false,
    });
    await harness.process([
      makeSample({ collectorPath: 'cpu', name: 'total.user', value: 12.5, timestamp: 1_700_000_000 }),
      makeSample({ collectorPath: 'network', name: 'eth0.rx_byte', value: 42, type: 'counter', timestamp: 1_700_000_000 }),
      makeSample({ collectorPath: 'docker', name: 'web/1:cpu%', value: 3, host: 'otherhost', timestamp: 1_700_000_005 }),
    ]);
    await harness.close();
    expect(rx.rejected).toEqual([]);
    expect(rx.elements.map((e) => e.id).sort()).toEqual(['otherhost', 'testhost']);
    const element = rx.elements.find((e) => e.id === 'testhost')!;
    expect(element).toMatchObject({
      name: 'testhost',
      type: 'SERVER',
      location: 'lab',
      tags: [{ name: 'env', value: 'prod' }],
      relations: [{ fqn: 'pool-a' }],
    });
    const attributes = Object.fromEntries(element.attributes.map((a) => [a.name, a.value]));
    expect(attributes).toMatchObject({
      platform: 'Linux',
      agent: expect.stringMatching(/^spinel_\d+\.\d+\.\d+$/),
      cpus: expect.stringMatching(/^\d+$/),
      'ram bytes': expect.stringMatching(/^\d+$/),
    });
    expect(Date.parse(attributes.boottime ?? '')).toBeLessThan(Date.now());
    expect(element.metrics).toEqual([
      { id: 'cpu.total.user', type: 'GAUGE', unit: '', sparseDataStrategy: 'None' },
      { id: 'network.eth0.rx_byte', type: 'COUNTER', unit: '', sparseDataStrategy: 'None' },
    ]);
    expect(element.samples).toEqual([
      { metricId: 'cpu.total.user', timestamp: 1_700_000_000_000, val: 12.5 },
      { metricId: 'network.eth0.rx_byte', timestamp: 1_700_000_000_000, val: 42 },
    ]);
    expect(rx.elements.find((e) => e.id === 'otherhost')?.samples).toEqual([{ metricId: 'docker.web_1_cpu_', timestamp: 1_700_000_005_000, val: 3 }]);
  });

  it('sends check-ins at most every ttl/2 and a startup event', async () => {
    const rx = await receiver();
    let now = 1_700_000_000;
    const harness = await createHandlerHarness(
      metricly,
      { url: rx.url, api_key: API_KEY, metadata: false, check_in: true, check_in_ttl: 60, startup_event: true },
      () => now,
    );
    for (let i = 0; i < 7; i++) {
      await harness.process([makeSample({ name: 'a', value: i, timestamp: now })]);
      now += 10;
    }
    await harness.close();
    expect(rx.checkins).toEqual([
      { name: 'spinel', elementId: 'testhost', ttl: 60 },
      { name: 'spinel', elementId: 'testhost', ttl: 60 },
      { name: 'spinel', elementId: 'testhost', ttl: 60 },
    ]);
    expect(rx.events).toEqual([
      expect.objectContaining({ title: 'Spinel agent started', data: expect.objectContaining({ elementId: 'testhost', level: 'INFO' }) }),
    ]);
  });

  it("posts a collector's check-ins with its host as the element, and tells a failed one without failing", async () => {
    const rx = await receiver();
    const harness = await createHandlerHarness(metricly, { url: rx.url, api_key: API_KEY, metadata: false });
    const check = { ttl: 150, timestamp: 1_700_000_000, collectorPath: 'port' };
    await harness.instance.check?.([
      { ...check, name: 'web.8080', host: 'testhost' },
      { ...check, name: 'heartbeat', host: undefined },
    ]);
    expect(rx.checkins).toEqual([
      { name: 'web.8080', elementId: 'testhost', ttl: 150 },
      { name: 'heartbeat', elementId: 'testhost', ttl: 150 },
    ]);
    rx.script.push({ status: 503, body: 'later' });
    await harness.instance.check?.([{ ...check, name: 'db', host: 'testhost' }]);
    expect(harness.logs.map((l) => l.message)).toContainEqual(expect.stringContaining('metricly: check-in db failed'));
    await harness.close();
  });

  it('410 disables the handler: the batch and every later one fail permanently, with no further request', async () => {
    const rx = await receiver();
    const harness = await createHandlerHarness(metricly, { url: rx.url, api_key: API_KEY, metadata: false });
    rx.script.push({ status: 410, body: 'gone' });
    await expect(harness.process([makeSample({ name: 'a', value: 1 })])).rejects.toMatchObject({
      code: 'SPINEL_DELIVERY_PERMANENT',
      message: expect.stringContaining('handler disabled'),
    });
    await expect(harness.process([makeSample({ name: 'a', value: 2 })])).rejects.toMatchObject({ code: 'SPINEL_DELIVERY_PERMANENT' });
    expect(rx.requests).toBe(1);
    await harness.close();
  });

  it('a refused key is reported without the key', async () => {
    const rx = await receiver();
    const harness = await createHandlerHarness(metricly, { url: rx.url, api_key: 'not-the-key-42', metadata: false });
    const error = (await harness.process([makeSample({ name: 'a', value: 1 })]).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('Metricly refused the API key (HTTP 403; check api_key)');
    expect(error.message).not.toContain('not-the-key-42');
    await harness.close();
  });

  it('keeps nothing per metric: 100,000 distinct metric ids leave the retained heap flat', async () => {
    const rx = await receiver(false);
    const report = await measureRetained(
      {
        handler: metricly,
        options: { url: rx.url, api_key: API_KEY, metadata: false },
        perRound: (r) => Array.from({ length: 500 }, (_, i) => makeSample({ collectorPath: 'docker', name: `c${r}_${i}.cpu_percent`, value: i })),
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(rx.acceptedSamples).toBe(220 * 500);
    expect(rx.rejected).toEqual([]);
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { ElementBatch, MetriclyClient, sanitizeMetricId, type ElementIdentity } from '@spinel/metricly-client';
import { forceGc, robustSlope, usedHeapBytes } from '@spinel/testing';
import { startReceiver, type Receiver } from './receiver.js';

const API_KEY = 'k3y-0123456789abcdef';
const identity: ElementIdentity = {
  id: 'web1',
  name: 'web1',
  type: 'SERVER',
  location: 'eu-west',
  attributes: [{ name: 'platform', value: 'Linux' }],
  tags: [{ name: 'env', value: 'prod' }],
  relations: ['web-pool'],
};

const receivers: Receiver[] = [];
const clients: MetriclyClient[] = [];
async function setup(keep = true): Promise<{ receiver: Receiver; client: MetriclyClient }> {
  const receiver = await startReceiver({ apiKey: API_KEY, keep });
  const client = new MetriclyClient({ url: receiver.url, apiKey: API_KEY, agent: 'spinel-test/0.1', timeoutMs: 2000 });
  receivers.push(receiver);
  clients.push(client);
  return { receiver, client };
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('ElementBatch', () => {
  it('sanitizes metric ids to [a-zA-Z0-9._-]', () => {
    expect(sanitizeMetricId('docker.my app/web:1.cpu%')).toBe('docker.my_app_web_1.cpu_');
    expect(sanitizeMetricId('cpu.total.user')).toBe('cpu.total.user');
  });

  it('declares each metric once per batch and keeps timestamps in milliseconds', () => {
    const batch = new ElementBatch(identity);
    batch.add('cpu.total.user', 1_700_000_000, 1.5, 'GAUGE');
    batch.add('cpu.total.user', 1_700_000_010, 2.5, 'GAUGE');
    batch.add('network.eth0.rx_bytes', 1_700_000_000.25, 10, 'COUNTER');
    expect(batch.toJSON()).toEqual({
      ...identity,
      relations: [{ fqn: 'web-pool' }],
      metrics: [
        { id: 'cpu.total.user', type: 'GAUGE', unit: '', sparseDataStrategy: 'None' },
        { id: 'network.eth0.rx_bytes', type: 'COUNTER', unit: '', sparseDataStrategy: 'None' },
      ],
      samples: [
        { metricId: 'cpu.total.user', timestamp: 1_700_000_000_000, val: 1.5 },
        { metricId: 'cpu.total.user', timestamp: 1_700_000_010_000, val: 2.5 },
        { metricId: 'network.eth0.rx_bytes', timestamp: 1_700_000_000_250, val: 10 },
      ],
    });
  });
});

describe('MetriclyClient against the strict receiver', () => {
  it('posts elements the receiver accepts, events and check-ins', async () => {
    const { receiver, client } = await setup();
    const batch = new ElementBatch(identity);
    batch.add('cpu.total.user', 1_700_000_000, 1.5, 'GAUGE', { min: 1, max: 2, avg: 1.5, sum: 3, cnt: 2 });
    await client.postElements([batch.toJSON()]);
    await client.postEvents([
      { source: 'spinel', type: 'INFO', title: 'agent started', timestamp: 1_700_000_000_000, data: { elementId: 'web1', level: 'INFO', message: 'hello' } },
    ]);
    await client.checkIn('spinel', 'web1', 120);
    expect(receiver.rejected).toEqual([]);
    expect(receiver.elements).toHaveLength(1);
    expect(receiver.elements[0]?.samples[0]).toEqual({
      metricId: 'cpu.total.user',
      timestamp: 1_700_000_000_000,
      val: 1.5,
      min: 1,
      max: 2,
      avg: 1.5,
      sum: 3,
      cnt: 2,
    });
    expect(receiver.events[0]?.title).toBe('agent started');
    expect(receiver.checkins).toEqual([{ name: 'spinel', elementId: 'web1', ttl: 120 }]);
  });

  it('the receiver is strict: a timestamp in seconds or an undeclared metric is refused 400, and the client drops it as permanent', async () => {
    const { receiver, client } = await setup();
    const element = new ElementBatch(identity).toJSON();
    element.samples.push({ metricId: 'a', timestamp: 1_700_000_000, val: 1 });
    element.metrics.push({ id: 'a', type: 'GAUGE', unit: '', sparseDataStrategy: 'None' });
    await expect(client.postElements([element])).rejects.toMatchObject({
      code: 'SPINEL_DELIVERY_PERMANENT',
      message: expect.stringContaining('HTTP 400: schema: /0/samples/0/timestamp must be >= 1000000000000'),
    });
    const undeclared = new ElementBatch(identity).toJSON();
    undeclared.samples.push({ metricId: 'b', timestamp: 1_700_000_000_000, val: 1 });
    await expect(client.postElements([undeclared])).rejects.toThrow('sample for undeclared metric b');
    expect(receiver.rejected).toHaveLength(2);
  });

  it('401 and 403 say the key was refused, without the key', async () => {
    const { receiver } = await setup();
    const wrong = new MetriclyClient({ url: receiver.url, apiKey: 'wrong-key-123', agent: 'spinel-test' });
    clients.push(wrong);
    const error = (await wrong.postElements([new ElementBatch(identity).toJSON()]).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'SPINEL_DELIVERY_PERMANENT' });
    expect(error.message).toBe(`Metricly refused the API key (HTTP 403; check api_key) for POST ${new URL(receiver.url).origin}/ingest/infrastructure/****`);
    expect(error.message).not.toContain('wrong-key-123');
    receiver.script.push({ status: 401 });
    const { client } = { client: clients[0]! };
    await expect(client.postElements([new ElementBatch(identity).toJSON()])).rejects.toThrow(/refused the API key \(HTTP 401/);
  });

  it('410 and 418 disable the client: no further request is made', async () => {
    for (const status of [410, 418]) {
      const { receiver, client } = await setup();
      receiver.script.push({ status, body: 'data source disabled' });
      await expect(client.postElements([new ElementBatch(identity).toJSON()])).rejects.toMatchObject({
        name: 'MetriclyDisabledError',
        code: 'SPINEL_DELIVERY_PERMANENT',
      });
      expect(client.disabled).toMatch(new RegExp(`HTTP ${status}`));
      await expect(client.postElements([new ElementBatch(identity).toJSON()])).rejects.toThrow('handler disabled until restart');
      expect(receiver.requests).toBe(1);
    }
  });

  it('503 with Retry-After is retryable and carries the delay', async () => {
    const { receiver, client } = await setup();
    receiver.script.push({ status: 503, headers: { 'retry-after': '30' } });
    await expect(client.postElements([new ElementBatch(identity).toJSON()])).rejects.toMatchObject({ code: 'SPINEL_DELIVERY_RETRY', retryAfterMs: 30_000 });
  });

  it('keeps nothing per metric id: 100,000 distinct ids leave the retained heap flat', async () => {
    const { receiver, client } = await setup(false);
    const heap: number[] = [];
    for (let round = 0; round < 120; round++) {
      const batch = new ElementBatch(identity);
      for (let i = 0; i < 1000; i++) batch.add(`docker.container_${round}_${i}.cpu.user`, 1_700_000_000 + round, i, 'GAUGE');
      await client.postElements([batch.toJSON()]);
      if (round >= 20) {
        forceGc();
        heap.push(usedHeapBytes());
      }
    }
    expect(receiver.acceptedSamples).toBe(120_000);
    expect(receiver.rejected).toEqual([]);
    // 100 measured rounds of 1,000 new ids each; the Python client's list would add ~100 KB per round.
    expect(robustSlope(heap)).toBeLessThan(2048);
  }, 120_000);
});

// Against the machine's RabbitMQ (5672, guest/guest) through its management API (the test
// enables the plugin if it is off). Queues are the test's own, named spinel-test-<pid>-*, and
// deleted afterwards. The management API refreshes queue figures every few seconds, so the
// value checks poll until the figures show the load.
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained, type StepResult } from '@spinel/testing';
import collector, { selectQueues, wholeName } from '@spinel/collector-rabbitmq';
import { establishedConnections, freePort, startSilentServer } from '../../../../tooling/services/process.mjs';
import { MANAGEMENT_PORT, rabbitmqManagement } from '../../../../tooling/services/rabbitmq.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const management = await rabbitmqManagement();
if (!management.ok) console.log(`rabbitmq collector: ${management.reason}, so the tests against RabbitMQ are skipped`);

const prefix = `spinel-test-${process.pid}`;
const now = (): number => Date.now() / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('queue selection', () => {
  const q = (vhost: string, name: string) => ({ vhost, name });
  const all = [q('/', 'orders'), q('/', 'orders.dead'), q('/', 'mail'), q('shop', 'orders')];
  it('legacy (no vhosts): every vhost, narrowed by whole-name patterns', () => {
    expect(selectQueues(all, { queues: wholeName(['orders']), ignored: [], vhosts: {} })).toEqual([q('/', 'orders'), q('shop', 'orders')]);
    expect(selectQueues(all, { queues: wholeName(['orders.*']), ignored: wholeName(['.*dead']), vhosts: {} })).toEqual([q('/', 'orders'), q('shop', 'orders')]);
  });
  it('vhosts: only those named, `*` for the rest, each with its queue names', () => {
    expect(selectQueues(all, { queues: [], ignored: [], vhosts: { shop: [] } })).toEqual([q('shop', 'orders')]);
    expect(selectQueues(all, { queues: [], ignored: [], vhosts: { '/': ['mail'], '*': [] } })).toEqual([q('/', 'mail'), q('shop', 'orders')]);
  });
});

describe.skipIf(!management.ok)("rabbitmq collector against the machine's RabbitMQ", () => {
  let connection: amqp.ChannelModel;
  let channel: amqp.Channel;
  const queue = (suffix: string): string => `${prefix}-${suffix}`;
  beforeAll(async () => {
    connection = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    channel = await connection.createChannel();
  });
  afterAll(async () => {
    for (const suffix of ['work', 'a', 'b', 'c', 'd', 'e']) await channel?.deleteQueue(queue(suffix)).catch(() => undefined);
    await connection?.close();
  });

  const harness = (options: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, { live: true, clock: now, options: { host: `127.0.0.1:${MANAGEMENT_PORT}`, ...options }, settings: { interval: 1 } });

  /** Runs the collector until `ready` holds for a run (the API refreshes every 5 s by default). */
  async function until(h: CollectorHarness<typeof collector.options>, ready: (step: StepResult) => boolean, timeoutMs = 20_000): Promise<StepResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const step = await h.step({ time: now() });
      if (ready(step) || Date.now() > deadline) return step;
      await sleep(500);
    }
  }

  it('a queue with messages ready, unacknowledged and a consumer shows them; overview and health too', async () => {
    const name = queue('work');
    await channel.assertQueue(name, { durable: false });
    for (let i = 0; i < 30; i++) channel.sendToQueue(name, Buffer.from(`message ${i}`));
    await channel.prefetch(5);
    await channel.consume(name, () => undefined, { noAck: false }); // takes 5, acknowledges none
    const h = harness({ queues: [`${prefix}-.*`] });
    const step = await until(h, (s) => s.values.get(`queues.${name}.messages_unacknowledged`) === 5 && s.values.get(`queues.${name}.messages_ready`) === 25);
    await h.close();
    expect(step.result.error).toBeUndefined();
    const v = step.values;
    expect(v.get(`queues.${name}.messages`)).toBe(30);
    expect(v.get(`queues.${name}.messages_ready`)).toBe(25);
    expect(v.get(`queues.${name}.messages_unacknowledged`)).toBe(5);
    expect(v.get(`queues.${name}.consumers`)).toBe(1);
    expect(v.get('object_totals.queues')).toBeGreaterThanOrEqual(1);
    expect(v.get('queue_totals.messages')).toBeGreaterThanOrEqual(30);
    expect(v.get('health.fd_used')).toBeGreaterThan(0);
    expect(v.get('health.mem_limit')).toBeGreaterThan(v.get('health.mem_used')!);
    expect([...v.keys()].filter((k) => k.startsWith('queues.')).every((k) => k.startsWith(`queues.${prefix}-`))).toBe(true);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  }, 40_000);

  it('vhosts puts queues under vhosts.<vhost>.queues, with replace_slash for the default vhost', async () => {
    const h = harness({ vhosts: { '/': `${queue('work')}` }, replace_slash: '_' });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.values.has(`vhosts._.queues.${queue('work')}.messages`)).toBe(true);
    expect([...step.values.keys()].some((k) => k.startsWith('queues.'))).toBe(false);
    expect(catalogueProblems(collector, step.samples, false)).toEqual([]);
  });

  it('max_queues bounds the queues published and warns once', async () => {
    for (const suffix of ['a', 'b', 'c', 'd', 'e']) await channel.assertQueue(queue(suffix), { durable: false });
    const h = harness({ queues: [`${prefix}-[a-e]`], max_queues: 2 });
    const first = await until(h, (s) => s.logs.some((l) => l.level === 'warn'));
    const second = await h.step({ time: now() });
    await h.close();
    const published = new Set([...second.values.keys()].filter((k) => k.startsWith('queues.')).map((k) => k.split('.')[1]));
    expect(published.size).toBe(2);
    expect(first.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      '5 queues match; publishing the first 2 (max_queues). Narrow them with queues, queues_ignored or vhosts',
    ]);
    expect(second.logs.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('keeps one connection to the management API across 100 runs', async () => {
    // The earlier tests' harnesses are closed, but a loaded machine may not have torn their
    // sockets down yet: start from none, so the count below is this harness's alone.
    for (let i = 0; i < 50 && establishedConnections(MANAGEMENT_PORT) > 0; i++) await sleep(100);
    expect(establishedConnections(MANAGEMENT_PORT)).toBe(0);
    const h = harness({ queues: [`${prefix}-work`] });
    for (let i = 0; i < 100; i++) await h.step({ time: now() });
    const during = establishedConnections(MANAGEMENT_PORT);
    await h.close();
    await sleep(100);
    expect(during).toBe(1);
    expect(establishedConnections(MANAGEMENT_PORT)).toBe(0);
  }, 60_000);

  it('a wrong password: the message names the API and the refusal, never the password', async () => {
    const h = harness({ password: 'not-the-password' });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(step.result.error?.message).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${MANAGEMENT_PORT}/api/overview answered HTTP 401`));
    expect(JSON.stringify(step)).not.toContain('not-the-password');
    expect(JSON.stringify(step)).not.toContain(Buffer.from('guest:not-the-password').toString('base64'));
  });

  it('an API that is down or never answers fails the run at its deadline', async () => {
    const port = await freePort();
    const down = harness({ host: `127.0.0.1:${port}` });
    expect((await down.step({ time: now() })).result.error?.message).toBe(
      `GET http://127.0.0.1:${port}/api/overview failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    await down.close();
    const silent = await startSilentServer();
    const hanging = harness({ host: `127.0.0.1:${silent.port}`, request_timeout: 0.5 });
    const started = performance.now();
    const step = await hanging.step({ time: now() });
    await hanging.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(step.result.error?.message).toContain('failed: UND_ERR_HEADERS_TIMEOUT');
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { host: `127.0.0.1:${MANAGEMENT_PORT}`, queues: [`${prefix}-.*`] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

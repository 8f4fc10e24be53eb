import { describe, expect, it } from 'vitest';
import {
  batchBytes,
  decodeBatch,
  decodeChecks,
  decodeSpoolFile,
  encodeBatch,
  encodeSpoolFile,
  HandlerQueue,
  SeriesStore,
  RateLimitedLog,
  FanOut,
  Scheduler,
  staggerOffset,
  Telemetry,
  type EncodedBatch,
  type HandlerTarget,
  type QueuePolicy,
} from '@spinel/core';
import type { Logger } from '@spinel/sdk';

function captureLogger(): Logger & { lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('sample codec', () => {
  it('round-trips samples through one transferable batch', () => {
    const samples = [
      {
        path: 'servers.h.cpu.cpu0.user',
        name: 'cpu0.user',
        value: 1.5,
        timestamp: 1_700_000_000,
        type: 'rate' as const,
        precision: 2,
        dimensions: { cpu: 'cpu0' },
      },
      {
        path: 'servers.h.memory.MemTotal',
        name: 'MemTotal',
        value: 2 ** 40,
        timestamp: 1_700_000_001,
        type: 'gauge' as const,
        precision: 0,
        dimensions: undefined,
      },
    ];
    const batch = encodeBatch('cpu', 'h', samples);
    expect(batch.count).toBe(2);
    expect(decodeBatch(structuredClone(batch))).toEqual(samples.map((s) => ({ ...s, collectorPath: 'cpu', host: 'h' })));
  });

  it('carries check-ins beside samples, through a spool file too: samples decode without them, checks alone', () => {
    const record = { timestamp: 1_700_000_000, precision: 0, dimensions: undefined };
    const batch = encodeBatch('port', 'h', [
      { ...record, path: 'servers.h.port.open', name: 'open', value: 3, type: 'gauge' },
      { ...record, path: 'servers.h.port.web.8080', name: 'web.8080', value: 150, type: 'check' },
      { ...record, path: 'servers.h.port.closed', name: 'closed', value: 1, type: 'gauge' },
    ]);
    for (const copy of [structuredClone(batch), decodeSpoolFile(encodeSpoolFile(batch))]) {
      expect(decodeBatch(copy).map((s) => [s.name, s.value, s.type])).toEqual([
        ['open', 3, 'gauge'],
        ['closed', 1, 'gauge'],
      ]);
      expect(decodeChecks(copy)).toEqual([{ name: 'web.8080', ttl: 150, timestamp: 1_700_000_000, collectorPath: 'port', host: 'h' }]);
    }
    expect(decodeChecks(encodeBatch('cpu', 'h', [{ ...record, path: 'p.a', name: 'a', value: 1, type: 'gauge' }]))).toEqual([]);
    const browser = new SeriesStore(10, 4, 60_000, () => 1_700_000_000_000);
    browser.record(batch);
    expect(browser.paths('', 10)).toEqual(['servers.h.port.closed', 'servers.h.port.open']);
  });
});

describe('scheduler', () => {
  it('skips and counts a run that is still going when the next is due', async () => {
    const scheduler = new Scheduler();
    let runs = 0;
    let skips = 0;
    scheduler.add({
      name: 'slow',
      intervalMs: 20,
      offsetMs: 0,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 70));
      },
      onSkip: () => skips++,
    });
    await new Promise((r) => setTimeout(r, 200));
    await scheduler.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(4);
    expect(skips).toBeGreaterThanOrEqual(4);
  });

  it('fires jobs that share an interval and offset in one pass, and keeps a different offset apart', async () => {
    const scheduler = new Scheduler();
    const passes: string[][] = [];
    let current: string[] | undefined;
    const job = (name: string, offsetMs: number) => ({
      name,
      intervalMs: 30,
      offsetMs,
      run: async () => {
        // A pass is the synchronous stretch of one timer callback: the first job of a pass opens
        // it, and a microtask (which runs between timer callbacks) closes it.
        if (!current) {
          current = [];
          passes.push(current);
          queueMicrotask(() => (current = undefined));
        }
        current.push(name);
      },
      onSkip: () => undefined,
    });
    scheduler.add(job('cpu', 0));
    scheduler.add(job('memory', 0));
    scheduler.add(job('loadavg', 0));
    scheduler.add(job('late', 10));
    await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();
    const together = passes.filter((p) => p.includes('cpu'));
    expect(together.length).toBeGreaterThanOrEqual(2);
    for (const pass of together) expect(pass).toEqual(['cpu', 'memory', 'loadavg']);
    expect(passes.filter((p) => p.includes('late')).every((p) => p.length === 1)).toBe(true);
  });

  it('staggers by a stable offset within the splay', () => {
    expect(staggerOffset('cpu', 1000)).toBe(staggerOffset('cpu', 1000));
    expect(staggerOffset('cpu', 1000)).toBeLessThan(1000);
    expect(staggerOffset('cpu', 0)).toBe(0);
  });
});

function countOf(batches: readonly EncodedBatch[]): number {
  return batches.reduce((sum, b) => sum + b.count, 0);
}

function batchOf(n: number): EncodedBatch {
  return encodeBatch(
    't',
    'h',
    Array.from({ length: n }, (_, i) => ({
      path: `p.${i}`,
      name: `${i}`,
      value: i,
      timestamp: 1,
      type: 'gauge' as const,
      precision: 0,
      dimensions: undefined,
    })),
  );
}

/** A handler target we can hold: delivers only when released. */
function heldTarget(): HandlerTarget & { release(): void; delivered: number[] } {
  let waiting: Array<() => void> = [];
  const delivered: number[] = [];
  return {
    isReady: true,
    delivered,
    deliver: (_handler, batches) =>
      new Promise((resolve) => {
        waiting.push(() => {
          delivered.push(countOf(batches));
          resolve({ count: countOf(batches), durationMs: 1, error: undefined });
        });
      }),
    release() {
      const now = waiting;
      waiting = [];
      for (const f of now) f();
    },
  };
}

function policy(overrides: Partial<QueuePolicy> = {}): QueuePolicy {
  return {
    maxSamples: 100_000,
    maxBytes: 64 * 1024 * 1024,
    overflow: 'drop_oldest',
    retryInitialMs: 20,
    retryMaxMs: 100,
    batchSize: 1,
    flushIntervalMs: 0,
    ...overrides,
  };
}

/** A handler that fails its first `failures` deliveries, with the given error code. */
function flakyTarget(failures: number, code: string | undefined = undefined): HandlerTarget & { delivered: number[]; attempts: number } {
  const delivered: number[] = [];
  const target = {
    isReady: true,
    delivered,
    attempts: 0,
    deliver: async (_h: string, batches: readonly EncodedBatch[]) => {
      target.attempts++;
      if (target.attempts <= failures) return { count: countOf(batches), durationMs: 0, error: { name: 'Error', message: 'backend down\nsecond line', code } };
      for (const batch of batches) delivered.push(batch.values[0] ?? -1);
      return { count: countOf(batches), durationMs: 0, error: undefined };
    },
  };
  return target;
}

describe('delivery core', () => {
  it('retries a failed batch with backoff until it is delivered, exactly once and in order', async () => {
    const telemetry = new Telemetry();
    const target = flakyTarget(3);
    const router = new FanOut();
    router.attach(new HandlerQueue('h', target, policy(), telemetry.handler('h'), new RateLimitedLog(captureLogger())));
    const first = encodeBatch('t', 'h', [{ path: 'p.a', name: 'a', value: 1, timestamp: 1, type: 'gauge', precision: 0, dimensions: undefined }]);
    const second = encodeBatch('t', 'h', [{ path: 'p.b', name: 'b', value: 2, timestamp: 1, type: 'gauge', precision: 0, dimensions: undefined }]);
    router.publish(first);
    router.publish(second);
    await expect(router.drain(3000)).resolves.toBe(true);
    expect(target.delivered).toEqual([1, 2]);
    expect(telemetry.handler('h')).toMatchObject({ written: 2, retries: 3, errors: 3, dropped: 0 });
  });

  it('drops a batch the backend refused for good, counts it, and goes on', async () => {
    const telemetry = new Telemetry();
    const log = captureLogger();
    const target = flakyTarget(1, 'SPINEL_DELIVERY_PERMANENT');
    const router = new FanOut();
    router.attach(new HandlerQueue('h', target, policy(), telemetry.handler('h'), new RateLimitedLog(log)));
    router.publish(batchOf(5));
    router.publish(batchOf(3));
    await expect(router.drain(1000)).resolves.toBe(true);
    expect(telemetry.handler('h')).toMatchObject({ written: 3, dropped: 5, retries: 0 });
    expect(log.lines.some((l) => l.message === 'handler h refused a batch for good (backend down); dropped 5 samples')).toBe(true);
  });

  it('drop_newest keeps the queued batches and drops the arriving one', () => {
    const telemetry = new Telemetry();
    const target = heldTarget();
    const queue = new HandlerQueue(
      'h',
      target,
      policy({ maxSamples: 250, overflow: 'drop_newest' }),
      telemetry.handler('h'),
      new RateLimitedLog(captureLogger()),
    );
    for (let i = 0; i < 5; i++) queue.push(batchOf(100));
    // one in flight, two queued (200); the 4th and 5th arrivals do not fit
    expect(telemetry.handler('h')).toMatchObject({ received: 500, dropped: 200, queue_length: 200 });
  });

  it('bounds the queue by bytes as well as by samples', () => {
    const telemetry = new Telemetry();
    const queue = new HandlerQueue(
      'h',
      heldTarget(),
      policy({ maxBytes: 3 * batchBytes(batchOf(100)) }),
      telemetry.handler('h'),
      new RateLimitedLog(captureLogger()),
    );
    for (let i = 0; i < 10; i++) queue.push(batchOf(100));
    expect(telemetry.handler('h').queue_length).toBe(300);
    expect(telemetry.handler('h').dropped).toBe(600);
  });
});

describe('handler queue', () => {
  it('drops the oldest batches when full and counts every dropped sample', async () => {
    const telemetry = new Telemetry();
    const log = captureLogger();
    const target = heldTarget();
    const queue = new HandlerQueue('slow', target, policy({ maxSamples: 250 }), telemetry.handler('slow'), new RateLimitedLog(log));
    const router = new FanOut();
    router.attach(queue);
    for (let i = 0; i < 6; i++) router.publish(batchOf(100));
    // one batch in flight, five queued (500) > 250: the three oldest queued are dropped.
    expect(telemetry.handler('slow')).toMatchObject({ received: 600, dropped: 300, queue_length: 200 });
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      target.release();
      await new Promise((r) => setImmediate(r));
    }
    expect(target.delivered).toEqual([100, 100, 100]);
    expect(telemetry.handler('slow')).toMatchObject({ written: 300, queue_length: 0 });
    await expect(router.drain(100)).resolves.toBe(true);
  });

  it('a slow handler does not hold back another handler', async () => {
    const telemetry = new Telemetry();
    const log = new RateLimitedLog(captureLogger());
    const slow = heldTarget();
    const fast: HandlerTarget = { isReady: true, deliver: async (_h, b) => ({ count: countOf(b), durationMs: 0, error: undefined }) };
    const router = new FanOut();
    router.attach(new HandlerQueue('slow', slow, policy({ maxSamples: 1000 }), telemetry.handler('slow'), log));
    router.attach(new HandlerQueue('fast', fast, policy({ maxSamples: 1000 }), telemetry.handler('fast'), log));
    for (let i = 0; i < 5; i++) {
      router.publish(batchOf(10));
      await new Promise((r) => setImmediate(r));
    }
    expect(telemetry.handler('fast').written).toBe(50);
    expect(telemetry.handler('slow').written).toBe(0);
    expect(telemetry.handler('slow').queue_length).toBe(40);
  });
});

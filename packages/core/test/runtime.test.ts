import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch, HandlerQueue, RateLimitedLog, Router, Scheduler, staggerOffset, Telemetry, type EncodedBatch, type HandlerTarget } from '@spinel/core';
import type { Logger } from '@spinel/sdk';

function captureLogger(): Logger & { lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('sample codec', () => {
  it('round-trips samples through one transferable batch', () => {
    const samples = [
      { path: 'servers.h.cpu.cpu0.user', name: 'cpu0.user', value: 1.5, timestamp: 1_700_000_000, type: 'rate' as const, precision: 2, dimensions: { cpu: 'cpu0' } },
      { path: 'servers.h.memory.MemTotal', name: 'MemTotal', value: 2 ** 40, timestamp: 1_700_000_001, type: 'gauge' as const, precision: 0, dimensions: undefined },
    ];
    const batch = encodeBatch('cpu', 'h', samples);
    expect(batch.count).toBe(2);
    expect(decodeBatch(structuredClone(batch))).toEqual(samples.map((s) => ({ ...s, collector: 'cpu', host: 'h' })));
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

  it('staggers by a stable offset within the splay', () => {
    expect(staggerOffset('cpu', 1000)).toBe(staggerOffset('cpu', 1000));
    expect(staggerOffset('cpu', 1000)).toBeLessThan(1000);
    expect(staggerOffset('cpu', 0)).toBe(0);
  });
});

function batchOf(n: number): EncodedBatch {
  return encodeBatch('t', 'h', Array.from({ length: n }, (_, i) => ({ path: `p.${i}`, name: `${i}`, value: i, timestamp: 1, type: 'gauge' as const, precision: 0, dimensions: undefined })));
}

/** A handler target we can hold: delivers only when released. */
function heldTarget(): HandlerTarget & { release(): void; delivered: number[] } {
  let waiting: Array<() => void> = [];
  const delivered: number[] = [];
  return {
    isReady: true,
    delivered,
    deliver: (_handler, batch) =>
      new Promise((resolve) => {
        waiting.push(() => {
          delivered.push(batch.count);
          resolve({ count: batch.count, durationMs: 1, error: undefined });
        });
      }),
    release() {
      const now = waiting;
      waiting = [];
      for (const f of now) f();
    },
  };
}

describe('handler queue', () => {
  it('drops the oldest batches when full and counts every dropped sample', async () => {
    const telemetry = new Telemetry();
    const log = captureLogger();
    const target = heldTarget();
    const queue = new HandlerQueue('slow', target, 250, telemetry.handler('slow'), new RateLimitedLog(log));
    const router = new Router();
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
    const fast: HandlerTarget = { isReady: true, deliver: async (_h, b) => ({ count: b.count, durationMs: 0, error: undefined }) };
    const router = new Router();
    router.attach(new HandlerQueue('slow', slow, 1000, telemetry.handler('slow'), log));
    router.attach(new HandlerQueue('fast', fast, 1000, telemetry.handler('fast'), log));
    for (let i = 0; i < 5; i++) {
      router.publish(batchOf(10));
      await new Promise((r) => setImmediate(r));
    }
    expect(telemetry.handler('fast').written).toBe(50);
    expect(telemetry.handler('slow').written).toBe(0);
    expect(telemetry.handler('slow').queue_length).toBe(40);
  });
});

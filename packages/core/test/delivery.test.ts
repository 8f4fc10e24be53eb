import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeSpoolFile,
  encodeBatch,
  encodeSpoolFile,
  HandlerQueue,
  RateLimitedLog,
  Telemetry,
  type EncodedBatch,
  type HandlerTarget,
  type QueuePolicy,
} from '@spinel/core';
import type { Logger } from '@spinel/sdk';

// The delivery core's batching, Retry-After and disk spool, against scripted handler targets.

interface Log extends Logger {
  lines: string[];
}

function captureLogger(): Log {
  const lines: string[] = [];
  const at = (message: string) => void lines.push(message);
  return { lines, debug: at, info: at, warn: at, error: at };
}

/** A batch whose values are `first, first+1, ...`, so order and loss can be checked by value. */
function run(first: number, n = 10): EncodedBatch {
  return encodeBatch(
    't',
    'h',
    Array.from({ length: n }, (_, i) => ({
      path: `p.m${first + i}`,
      name: `m${first + i}`,
      value: first + i,
      timestamp: 1_700_000_000 + first + i,
      type: 'gauge' as const,
      precision: 0,
      dimensions: { k: 'v' },
    })),
  );
}

function policy(overrides: Partial<QueuePolicy> = {}): QueuePolicy {
  return {
    maxSamples: 100_000,
    maxBytes: 64 * 1024 * 1024,
    overflow: 'drop_oldest',
    retryInitialMs: 10,
    retryMaxMs: 40,
    batchSize: 1000,
    flushIntervalMs: 0,
    ...overrides,
  };
}

/** A backend that can be switched down and up, recording the values of what it accepted. */
class Backend implements HandlerTarget {
  isReady = true;
  up = true;
  retryAfterMs: number | undefined;
  readonly accepted: number[] = [];
  readonly deliveries: number[] = [];
  readonly attemptsAt: number[] = [];

  async deliver(_handler: string, batches: readonly EncodedBatch[]) {
    this.attemptsAt.push(performance.now());
    const count = batches.reduce((sum, b) => sum + b.count, 0);
    if (!this.up) return { count, durationMs: 0, error: { name: 'Error', message: 'connection refused', code: undefined, retryAfterMs: this.retryAfterMs } };
    for (const batch of batches) this.accepted.push(...batch.values);
    this.deliveries.push(count);
    return { count, durationMs: 0, error: undefined };
  }
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spinel-spool-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function queueWithSpool(
  dir: string,
  backend: HandlerTarget,
  telemetry: Telemetry,
  log: Log,
  overrides: Partial<QueuePolicy> = {},
  spoolMaxBytes = 64 * 1024 * 1024,
): HandlerQueue {
  return new HandlerQueue('h', backend, policy({ ...overrides, spool: { dir, maxBytes: spoolMaxBytes } }), telemetry.handler('h'), new RateLimitedLog(log));
}

/** A queue whose backend is down spools these runs (first values), then stops: the agent before a restart. */
async function spoolWhileDown(dir: string, firsts: number[]): Promise<void> {
  const down = new Backend();
  down.up = false;
  const queue = queueWithSpool(dir, down, new Telemetry(), captureLogger());
  for (const [i, first] of firsts.entries()) {
    queue.push(run(first));
    if (i === 0) await until(() => down.attemptsAt.length >= 1);
  }
  queue.stop();
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const until = async (check: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('batching', () => {
  it('joins collector runs up to batch_size and sends a partial batch after flush_interval', async () => {
    const backend = new Backend();
    const telemetry = new Telemetry();
    const queue = new HandlerQueue('h', backend, policy({ batchSize: 25, flushIntervalMs: 150 }), telemetry.handler('h'), new RateLimitedLog(captureLogger()));
    for (let i = 0; i < 5; i++) queue.push(run(i * 10));
    await until(() => backend.deliveries.length === 2);
    // 20 of 25 fit the first delivery (whole runs only), 20 more the second; 10 wait for the timer.
    expect(backend.deliveries).toEqual([20, 20]);
    const waitedFrom = performance.now();
    await until(() => backend.deliveries.length === 3);
    expect(performance.now() - waitedFrom).toBeGreaterThan(80);
    expect(backend.accepted).toEqual(range(0, 50));
  });

  it('drain sends a partial batch at once', async () => {
    const backend = new Backend();
    const queue = new HandlerQueue(
      'h',
      backend,
      policy({ batchSize: 1000, flushIntervalMs: 60_000 }),
      new Telemetry().handler('h'),
      new RateLimitedLog(captureLogger()),
    );
    queue.push(run(0));
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.deliveries).toEqual([]);
    await queue.drain();
    expect(backend.accepted).toEqual(range(0, 10));
  });
});

describe('retry', () => {
  it("waits at least the backend's Retry-After before trying again", async () => {
    const backend = new Backend();
    backend.up = false;
    backend.retryAfterMs = 300;
    const queue = new HandlerQueue('h', backend, policy(), new Telemetry().handler('h'), new RateLimitedLog(captureLogger()));
    queue.push(run(0));
    await until(() => backend.attemptsAt.length === 1);
    backend.up = true;
    await until(() => backend.accepted.length === 10);
    const [first, second] = backend.attemptsAt;
    expect(second! - first!).toBeGreaterThanOrEqual(290);
  });

  it('without a spool, samples still queued at shutdown are counted as dropped and logged', () => {
    const backend = new Backend();
    backend.isReady = false;
    const telemetry = new Telemetry();
    const log = captureLogger();
    const queue = new HandlerQueue('h', backend, policy(), telemetry.handler('h'), new RateLimitedLog(log));
    queue.push(run(0));
    expect(queue.stop()).toEqual({ spooled: 0, dropped: 10 });
    expect(telemetry.handler('h').dropped).toBe(10);
    expect(log.lines.join('\n')).toContain('handler h was stopped with samples still queued (no spool_dir); dropped 10 samples');
  });
});

describe('spool', () => {
  it('round-trips a batch through a spool file, and rejects a damaged one', () => {
    const batch = run(7, 3);
    const data = encodeSpoolFile(batch);
    expect(decodeSpoolFile(data)).toEqual({ ...batch, host: 'h' });
    const damaged = Buffer.from(data);
    damaged[damaged.length - 10]! ^= 0xff;
    expect(() => decodeSpoolFile(damaged)).toThrow('checksum mismatch');
    expect(() => decodeSpoolFile(data.subarray(0, 20))).toThrow();
    expect(() => decodeSpoolFile(Buffer.from('hello world, not a spool'))).toThrow('bad magic');
  });

  it('keeps everything on disk while the backend is down and replays it in order when it returns', async () => {
    const dir = tempDir();
    const backend = new Backend();
    const telemetry = new Telemetry();
    const queue = queueWithSpool(dir, backend, telemetry, captureLogger(), { batchSize: 30 });
    queue.push(run(0));
    await until(() => backend.accepted.length === 10);
    backend.up = false;
    for (let i = 1; i <= 20; i++) queue.push(run(i * 10));
    await until(() => telemetry.handler('h').retries >= 2);
    expect(telemetry.handler('h').queue_length).toBe(0);
    expect(telemetry.handler('h').spool_samples).toBe(200);
    expect(readdirSync(dir).filter((f) => f.endsWith('.batch'))).toHaveLength(20);
    backend.up = true;
    await until(() => backend.accepted.length === 210);
    expect(backend.accepted).toEqual(range(0, 210));
    expect(backend.deliveries.slice(1).every((n) => n <= 30)).toBe(true);
    await until(() => readdirSync(dir).length === 0);
    expect(telemetry.handler('h')).toMatchObject({ received: 210, written: 210, dropped: 0, spool_samples: 0 });
    // back to memory once the spool is empty and the backend healthy
    queue.push(run(210));
    await until(() => backend.accepted.length === 220);
    expect(readdirSync(dir)).toHaveLength(0);
  });

  it('a new queue on the same directory (an agent restart) replays what the last one spooled', async () => {
    const dir = tempDir();
    await spoolWhileDown(dir, [0, 10, 20]);
    const backend = new Backend();
    const telemetry = new Telemetry();
    const second = queueWithSpool(dir, backend, telemetry, captureLogger());
    expect(telemetry.handler('h').spool_samples).toBe(30);
    second.push(run(30));
    await until(() => backend.accepted.length === 40);
    expect(backend.accepted).toEqual(range(0, 40));
  });

  it('shutdown moves what is still in memory to the spool, in order', async () => {
    const dir = tempDir();
    const backend = new Backend();
    backend.isReady = false;
    const queue = queueWithSpool(dir, backend, new Telemetry(), captureLogger());
    for (let i = 0; i < 3; i++) queue.push(run(i * 10));
    expect(queue.stop()).toEqual({ spooled: 30, dropped: 0 });
    const replay = new Backend();
    const next = queueWithSpool(dir, replay, new Telemetry(), captureLogger());
    next.pump();
    await until(() => replay.accepted.length === 30);
    expect(replay.accepted).toEqual(range(0, 30));
  });

  it('skips and reports a corrupt spool file, delivers the rest, and does not crash', async () => {
    const dir = tempDir();
    await spoolWhileDown(dir, [0, 10, 20]);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(3);
    const middle = join(dir, files[1]!);
    writeFileSync(middle, readFileSync(middle).subarray(0, 40));
    const backend = new Backend();
    const telemetry = new Telemetry();
    const log = captureLogger();
    const queue = queueWithSpool(dir, backend, telemetry, log);
    queue.pump();
    await until(() => backend.accepted.length === 20);
    expect(backend.accepted).toEqual([...range(0, 10), ...range(20, 30)]);
    expect(telemetry.handler('h').spool_corrupt).toBe(1);
    expect(log.lines.join('\n')).toMatch(new RegExp(`spool file ${middle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is unreadable \\(checksum mismatch`));
    expect(readdirSync(dir)).toEqual([`${files[1]}.corrupt`]);
  });

  it('is bounded by spool_max_mb: drop_oldest evicts the oldest files and counts them', async () => {
    const dir = tempDir();
    const backend = new Backend();
    backend.up = false;
    const telemetry = new Telemetry();
    const fileBytes = encodeSpoolFile(run(50)).length; // two-digit names: the largest here
    const queue = queueWithSpool(dir, backend, telemetry, captureLogger(), {}, fileBytes * 5 + 10);
    queue.push(run(0));
    await until(() => backend.attemptsAt.length >= 1);
    for (let i = 1; i < 10; i++) queue.push(run(i * 10));
    expect(readdirSync(dir)).toHaveLength(5);
    expect(telemetry.handler('h')).toMatchObject({ received: 100, dropped: 50, spool_samples: 50 });
    backend.up = true;
    await until(() => backend.accepted.length === 50);
    expect(backend.accepted).toEqual(range(50, 100));
  });

  it('drop_newest refuses arrivals once the spool is full', async () => {
    const dir = tempDir();
    const backend = new Backend();
    backend.up = false;
    const telemetry = new Telemetry();
    const fileBytes = encodeSpoolFile(run(50)).length; // two-digit names: the largest here
    const queue = queueWithSpool(dir, backend, telemetry, captureLogger(), { overflow: 'drop_newest' }, fileBytes * 3 + 10);
    queue.push(run(0));
    await until(() => backend.attemptsAt.length >= 1);
    for (let i = 1; i < 6; i++) queue.push(run(i * 10));
    expect(telemetry.handler('h')).toMatchObject({ dropped: 30, spool_samples: 30 });
    backend.up = true;
    await until(() => backend.accepted.length === 30);
    expect(backend.accepted).toEqual(range(0, 30));
  });
});

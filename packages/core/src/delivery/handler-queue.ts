import { Backoff } from '../backoff.js';
import type { RateLimitedLog } from '../logger.js';
import type { EncodedBatch } from '../sample-codec.js';
import type { HandlerStats } from '../telemetry.js';
import type { Delivery } from '../workers/handler-host.js';
export { batchBytes } from './memory-queue.js';
import { batchBytes, MemoryQueue, type Queued } from './memory-queue.js';
import { SPOOL_RETRY_MS, SpoolGuard } from './spool-guard.js';

/** Where a queue sends batches: a handler inside a (possibly shared) handler worker. */
export interface HandlerTarget {
  readonly isReady: boolean;
  /** Hands the batches to the handler's `process` as one array of samples. */
  deliver(handler: string, batches: readonly EncodedBatch[]): Promise<Delivery>;
}

export interface QueuePolicy {
  maxSamples: number;
  maxBytes: number;
  overflow: 'drop_oldest' | 'drop_newest';
  retryInitialMs: number;
  retryMaxMs: number;
  /** Samples per delivery: whole collector runs are joined up to this many. */
  batchSize: number;
  /** Longest a sample waits for a batch to fill before it is sent anyway. */
  flushIntervalMs: number;
  /** A disk spool for this handler: its own folder and size bound. */
  spool?: { dir: string; maxBytes: number } | undefined;
}

/** What is out for delivery (or waiting to be retried): from memory or checked out of the spool. */
interface Pending {
  entries: Queued[];
  samples: number;
  fromSpool: boolean;
  /** Times the handler's worker died under these batches. */
  crashes: number;
}

/** Batches that crashed their worker twice are dropped, not retried forever. */
const MAX_CRASHES = 2;
const PERMANENT = 'SPINEL_DELIVERY_PERMANENT';
/** A server's Retry-After is honoured up to this; beyond it looks like a misconfiguration. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

function sumSamples(entries: readonly Queued[]): number {
  let total = 0;
  for (const entry of entries) total += entry.batch.count;
  return total;
}

/**
 * The bounded queue in front of one handler. In memory it holds at most `maxSamples` samples and
 * `maxBytes`; past either, `overflow` drops the oldest batches or the arriving one, always from the
 * collector holding most of the queue, and every dropped sample is counted. Collector runs are
 * joined into deliveries of up to `batchSize` samples, sent when full or when the oldest has
 * waited `flushIntervalMs`. One delivery is out at a time, so a slow handler only grows its own
 * queue and never delays collection or another handler. A failed delivery is retried first in
 * line after an exponential backoff with jitter (or the server's Retry-After); a permanent failure
 * drops it at once.
 *
 * With a spool, nothing waits in memory while the backend fails or the queue is full: every queued
 * and arriving batch goes to disk, in order, and is replayed from there, oldest first, once the
 * backend takes data again. The spool then is the queue's bound (`spool_max_mb`). A disk that
 * refuses the spool (full, read-only) is counted and logged, and the queue works as one without a
 * spool until the spool is tried again.
 */
export class HandlerQueue {
  private readonly memory = new MemoryQueue();
  private pending: Pending | undefined;
  private inFlight = false;
  /** The last delivery failed (retryable): arrivals go straight to the spool. */
  private failing = false;
  /** Send partial batches at once (shutdown drain). */
  private flushing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  private readonly spool: SpoolGuard | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly handler: string,
    private readonly target: HandlerTarget,
    private readonly policy: QueuePolicy,
    private readonly stats: HandlerStats,
    private readonly errors: RateLimitedLog,
  ) {
    this.spool =
      policy.spool &&
      new SpoolGuard(
        { dir: policy.spool.dir, maxBytes: policy.spool.maxBytes, full: policy.overflow },
        {
          corrupt: (file, reason) => this.spoolCorrupt(file, reason),
          dropped: (samples, why) => this.drop(samples, why),
          failed: (action, dir, error) => this.spoolFailed(action, dir, error),
        },
      );
    this.backoff = new Backoff(policy.retryInitialMs, policy.retryMaxMs);
    this.updateGauges();
  }

  /** Nothing in memory and nothing out that is not safe on disk. */
  get idle(): boolean {
    return this.memory.length === 0 && (!this.pending || this.pending.fromSpool);
  }

  private full(): boolean {
    return this.memory.samples > this.policy.maxSamples || this.memory.bytes > this.policy.maxBytes;
  }

  private updateGauges(): void {
    this.stats.queue_length = this.memory.samples;
    this.stats.spool_samples = this.spool?.samples ?? 0;
  }

  private drop(count: number, why: string): void {
    if (count === 0) return;
    this.stats.dropped += count;
    this.errors.error(`drop:${this.handler}`, `handler ${this.handler} ${why}; dropped ${count} samples`, { dropped_total: this.stats.dropped });
  }

  /** What a restarted agent found on the spool, to replay before anything newer. */
  get spoolBacklog(): { samples: number; dir: string } | undefined {
    return this.spool && !this.spool.isEmpty ? { samples: this.spool.samples, dir: this.spool.dir } : undefined;
  }

  private spoolCorrupt(file: string, reason: string): void {
    this.stats.spool_corrupt++;
    this.errors.error(`spool:${this.handler}`, `handler ${this.handler}: spool file ${file} is unreadable (${reason}); renamed to .corrupt and skipped`);
  }

  private spoolFailed(action: 'open' | 'write', dir: string, error: NodeJS.ErrnoException): void {
    this.stats.spool_errors++;
    const { maxSamples, maxBytes, overflow } = this.policy;
    this.errors.error(
      `spool-failed:${this.handler}`,
      `handler ${this.handler}: cannot ${action} its spool in ${dir} (${error.message}); keeping batches in memory (max_queue_samples ${maxSamples}, max_queue_mb ${Math.round(maxBytes / 1048576)}, ${overflow}) and trying the spool again in ${SPOOL_RETRY_MS / 1000} s`,
      { errno: error.code, spool_errors: this.stats.spool_errors },
    );
  }

  push(batch: EncodedBatch): void {
    if (batch.count === 0) return;
    this.stats.received += batch.count;
    // Memory is only non-empty here after the spool failed; it is older, so it goes first.
    const spooled = this.spool !== undefined && (this.failing || !this.spool.isEmpty) && this.spillMemory() && this.toSpool(batch);
    if (!spooled) {
      this.memory.push(batch, performance.now());
      if (this.full()) this.overflow();
    }
    this.updateGauges();
    this.pump();
  }

  /** True when the batch is dealt with by the spool (written, or refused for room and counted). */
  private toSpool(batch: EncodedBatch, front = false): boolean {
    const outcome = this.spool?.write(batch, front) ?? 'failed';
    if (outcome === 'written') this.stats.spooled += batch.count;
    return outcome !== 'failed';
  }

  private overflow(): void {
    if (this.spool?.writable && this.spillMemory()) return;
    const { maxSamples, maxBytes, overflow } = this.policy;
    this.drop(this.memory.shed(maxSamples, maxBytes, overflow), `queue is full (max_queue_samples ${maxSamples}, max_queue_mb ${Math.round(maxBytes / 1048576)}, ${overflow}; shed from the collector holding most of it)`);
  }

  /** Moves memory to the end of the spool, oldest first; false if the spool failed on the way. */
  private spillMemory(): boolean {
    while (this.memory.oldest) {
      if (!this.toSpool(this.memory.oldest.batch)) return false;
      this.memory.shift();
    }
    return true;
  }

  /** Starts the next delivery if none is out, no retry is pending and the worker is ready. */
  pump(): void {
    if (!this.inFlight && !this.retryTimer && this.target.isReady) {
      this.pending ??= this.takeNext();
      if (this.pending) this.send(this.pending);
    }
    if (this.idle && this.idleWaiters.length > 0) this.notifyIdle();
  }

  private send(pending: Pending): void {
    this.inFlight = true;
    this.target.deliver(
      this.handler,
      pending.entries.map((e) => e.batch),
    ).then(
      (delivery) => this.delivered(pending, delivery),
      (error: unknown) => this.lost(pending, error),
    );
  }

  /** The oldest data first: the spool (which is only non-empty while memory is empty or newer), then memory. */
  private takeNext(): Pending | undefined {
    const spool = this.spool?.reader;
    if (spool?.available) {
      const batches = spool.checkout(this.policy.batchSize);
      this.updateGauges();
      if (batches.length > 0) {
        const entries = batches.map((batch) => ({ batch, bytes: batchBytes(batch), arrivedAt: 0 }));
        return { entries, samples: sumSamples(entries), fromSpool: true, crashes: 0 };
      }
    }
    const oldest = this.memory.oldest;
    if (!oldest) return undefined;
    if (this.memory.samples < this.policy.batchSize && !this.flushing) {
      const waitMs = oldest.arrivedAt + this.policy.flushIntervalMs - performance.now();
      if (waitMs > 0) {
        this.armFlush(waitMs);
        return undefined;
      }
    }
    const entries: Queued[] = [];
    let samples = 0;
    for (let next = this.memory.oldest; next; next = this.memory.oldest) {
      if (entries.length > 0 && samples + next.batch.count > this.policy.batchSize) break;
      this.memory.shift();
      entries.push(next);
      samples += next.batch.count;
    }
    this.updateGauges();
    return { entries, samples, fromSpool: false, crashes: 0 };
  }

  private armFlush(waitMs: number): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.pump();
    }, waitMs);
  }

  private delivered(pending: Pending, delivery: Delivery): void {
    this.inFlight = false;
    this.stats.last_write_duration_ms = delivery.durationMs;
    if (!delivery.error) {
      this.stats.written += pending.samples;
      this.failing = false;
      this.backoff.reset();
      this.errors.clear(`process:${this.handler}`);
      this.finish(pending);
      return;
    }
    this.stats.errors++;
    if (delivery.error.code === PERMANENT) {
      this.drop(pending.samples, `refused a batch for good (${delivery.error.message.split('\n')[0]})`);
      this.finish(pending);
      return;
    }
    this.errors.error(`process:${this.handler}`, `handler ${this.handler} failed a batch of ${pending.samples} samples: ${delivery.error.message}; retrying`, { stack: delivery.error.stack });
    this.retryLater(pending, delivery.error.retryAfterMs);
  }

  private lost(pending: Pending, error: unknown): void {
    this.inFlight = false;
    this.stats.errors++;
    pending.crashes++;
    this.errors.error(`lost:${this.handler}`, `handler ${this.handler}: ${error instanceof Error ? error.message : String(error)}`);
    if (pending.crashes >= MAX_CRASHES) {
      this.drop(pending.samples, 'worker died twice under the same batch');
      this.finish(pending);
      return;
    }
    // The worker died under this batch; it goes first to the restarted worker (pump on ready).
    this.pump();
  }

  /** The pending batches are done with (delivered or dropped). */
  private finish(pending: Pending): void {
    if (pending.fromSpool) this.spool?.reader?.commit();
    this.pending = undefined;
    this.updateGauges();
    this.pump();
  }

  /** Keeps the batch first in line (on disk when the spool takes it) and waits out the backoff. */
  private retryLater(pending: Pending, retryAfterMs: number | undefined): void {
    this.stats.retries++;
    this.failing = true;
    if (this.spool && !pending.fromSpool) {
      // Older than anything spooled: written before it, newest first so the order holds. What the
      // disk refuses stays pending in memory, still first in line.
      let kept = pending.entries.length;
      while (kept > 0 && this.toSpool(pending.entries[kept - 1]!.batch, true)) kept--;
      if (kept === 0) this.pending = undefined;
      else pending.entries.length = kept;
      pending.samples = sumSamples(pending.entries);
      this.spillMemory();
    }
    this.updateGauges();
    const backoff = this.backoff.next();
    const delay = retryAfterMs === undefined ? backoff : Math.min(MAX_RETRY_AFTER_MS, Math.max(retryAfterMs, backoff));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, delay);
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Sends partial batches at once and resolves when nothing is left in memory (what is on the
   * spool is safe there). A pending retry is cut short: this is the last chance before shutdown.
   */
  drain(): Promise<void> {
    this.flushing = true;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.idle) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.pump();
    return done;
  }

  /**
   * Shutdown after the drain: timers stop, and what is still in memory (or out and unanswered)
   * goes to the spool, or is counted as dropped when there is none or the disk refuses it.
   * Returns the samples kept.
   */
  stop(): { spooled: number; dropped: number } {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.retryTimer = undefined;
    this.flushTimer = undefined;
    const left: Queued[] = [];
    if (this.pending && !this.pending.fromSpool) left.push(...this.pending.entries);
    left.push(...this.memory.takeAll());
    const samples = sumSamples(left);
    if (samples === 0) return { spooled: 0, dropped: 0 };
    if (this.spool) {
      // An unanswered delivery is spooled too: it may arrive twice if its answer was only late,
      // which beats losing it. Older than what is spooled only when nothing there is out.
      const before = this.stats.spooled;
      const front = !this.spool.isEmpty && this.spool.reader?.checkedOutCount === 0;
      let refused = 0;
      for (const entry of front ? [...left].reverse() : left) if (!this.toSpool(entry.batch, front)) refused += entry.batch.count;
      this.drop(refused, `was stopped and its spool in ${this.spool.dir} refused the rest`);
      this.updateGauges();
      const spooled = this.stats.spooled - before;
      return { spooled, dropped: samples - spooled };
    }
    this.drop(samples, 'was stopped with samples still queued (no spool_dir)');
    this.updateGauges();
    return { spooled: 0, dropped: samples };
  }
}

import { Backoff } from '../backoff.js';
import type { RateLimitedLog } from '../logger.js';
import type { EncodedBatch } from '../sample-codec.js';
import type { HandlerStats } from '../telemetry.js';
import type { Delivery } from '../workers/handler-host.js';

/** Where a queue sends batches: a handler inside a (possibly shared) handler worker. */
export interface HandlerTarget {
  readonly isReady: boolean;
  deliver(handler: string, batch: EncodedBatch): Promise<Delivery>;
}

export interface QueuePolicy {
  maxSamples: number;
  maxBytes: number;
  overflow: 'drop_oldest' | 'drop_newest';
  retryInitialMs: number;
  retryMaxMs: number;
}

interface Queued {
  batch: EncodedBatch;
  bytes: number;
  /** Times the handler's worker died under this batch. */
  crashes: number;
}

/** A batch that crashed its worker twice is dropped, not retried forever. */
const MAX_CRASHES = 2;
const PERMANENT = 'SPINEL_DELIVERY_PERMANENT';

/** What a queued batch costs: its text block plus 17 bytes of numbers per sample. */
export function batchBytes(batch: EncodedBatch): number {
  return batch.text.length + 17 * batch.count;
}

/**
 * The bounded queue in front of one handler. It holds at most `maxSamples` samples and
 * `maxBytes`; past either, `overflow` drops the oldest batches or the arriving one, and every
 * dropped sample is counted. One batch is in flight at a time, so a slow handler only grows its
 * own queue and never delays collection or another handler. A batch the handler fails is retried
 * (the same batch, first in line) after an exponential backoff with jitter, until it is delivered
 * or pushed out by the bound; a permanent failure drops it at once.
 */
export class HandlerQueue {
  private readonly queue: Queued[] = [];
  private queuedSamples = 0;
  private queuedBytes = 0;
  private inFlight = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly handler: string,
    private readonly target: HandlerTarget,
    private readonly policy: QueuePolicy,
    private readonly stats: HandlerStats,
    private readonly errors: RateLimitedLog,
  ) {
    this.backoff = new Backoff(policy.retryInitialMs, policy.retryMaxMs);
  }

  get idle(): boolean {
    return !this.inFlight && this.queue.length === 0;
  }

  private full(): boolean {
    return this.queuedSamples > this.policy.maxSamples || this.queuedBytes > this.policy.maxBytes;
  }

  private add(entry: Queued, front = false): void {
    if (front) this.queue.unshift(entry);
    else this.queue.push(entry);
    this.queuedSamples += entry.batch.count;
    this.queuedBytes += entry.bytes;
  }

  private remove(entry: Queued | undefined): void {
    if (!entry) return;
    this.queuedSamples -= entry.batch.count;
    this.queuedBytes -= entry.bytes;
  }

  private drop(count: number, why: string): void {
    this.stats.dropped += count;
    this.errors.error(`drop:${this.handler}`, `handler ${this.handler} ${why}; dropped ${count} samples`, { dropped_total: this.stats.dropped });
  }

  push(batch: EncodedBatch): void {
    if (batch.count === 0) return;
    this.stats.received += batch.count;
    this.add({ batch, bytes: batchBytes(batch), crashes: 0 });
    let dropped = 0;
    if (this.policy.overflow === 'drop_newest') {
      while (this.full() && this.queue.length > 0) {
        const newest = this.queue.pop();
        this.remove(newest);
        dropped += newest?.batch.count ?? 0;
      }
    } else {
      while (this.full() && this.queue.length > 0) {
        const oldest = this.queue.shift();
        this.remove(oldest);
        dropped += oldest?.batch.count ?? 0;
      }
    }
    if (dropped > 0) this.drop(dropped, `queue is full (max_queue_samples ${this.policy.maxSamples}, max_queue_mb ${Math.round(this.policy.maxBytes / 1048576)}, ${this.policy.overflow})`);
    this.stats.queue_length = this.queuedSamples;
    this.pump();
  }

  /** Sends the next batch if none is in flight, no retry is pending and the worker is ready. */
  pump(): void {
    if (this.inFlight || this.retryTimer || !this.target.isReady) return;
    const next = this.queue.shift();
    if (!next) {
      this.notifyIdle();
      return;
    }
    this.remove(next);
    this.stats.queue_length = this.queuedSamples;
    this.inFlight = true;
    this.target.deliver(this.handler, next.batch).then(
      (delivery) => this.delivered(next, delivery),
      (error: unknown) => this.lost(next, error),
    );
  }

  private delivered(entry: Queued, delivery: Delivery): void {
    this.stats.last_write_duration_ms = delivery.durationMs;
    if (!delivery.error) {
      this.stats.written += delivery.count;
      this.backoff.reset();
      this.errors.clear(`process:${this.handler}`);
      this.settle();
      return;
    }
    this.stats.errors++;
    if (delivery.error.code === PERMANENT) {
      this.drop(delivery.count, `refused a batch for good (${delivery.error.message.split('\n')[0]})`);
      this.settle();
      return;
    }
    this.errors.error(`process:${this.handler}`, `handler ${this.handler} failed a batch of ${delivery.count} samples: ${delivery.error.message}; retrying`);
    this.retryLater(entry);
  }

  private lost(entry: Queued, error: unknown): void {
    this.stats.errors++;
    entry.crashes++;
    this.errors.error(`lost:${this.handler}`, `handler ${this.handler}: ${error instanceof Error ? error.message : String(error)}`);
    if (entry.crashes >= MAX_CRASHES) {
      this.drop(entry.batch.count, 'worker died twice under the same batch');
      this.settle();
      return;
    }
    // The worker died under this batch; it goes first to the restarted worker.
    this.add(entry, true);
    this.settle();
  }

  /** Puts the batch back first in line and holds the queue for the next backoff delay. */
  private retryLater(entry: Queued): void {
    this.stats.retries++;
    // Back in line: the queue may now exceed its bound by this one batch until the next push.
    this.add(entry, true);
    this.inFlight = false;
    this.stats.queue_length = this.queuedSamples;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, this.backoff.next());
  }

  private settle(): void {
    this.inFlight = false;
    this.stats.queue_length = this.queuedSamples;
    this.pump();
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once everything queued has been handed over (or immediately when idle). */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops retry timers (shutdown). */
  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}

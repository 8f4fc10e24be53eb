import type { RateLimitedLog } from '../logger.js';
import type { EncodedBatch } from '../sample-codec.js';
import type { HandlerStats } from '../telemetry.js';
import type { Delivery } from '../workers/handler-host.js';

/** Where a queue sends batches: a handler inside a (possibly shared) handler worker. */
export interface HandlerTarget {
  readonly isReady: boolean;
  deliver(handler: string, batch: EncodedBatch): Promise<Delivery>;
}

interface Queued {
  batch: EncodedBatch;
  attempts: number;
}

/** A batch that crashed its worker twice is dropped, not retried forever. */
const MAX_ATTEMPTS = 2;

/**
 * The bounded queue in front of one handler. Holds at most `maxSamples` samples; past that the
 * oldest batches are dropped and counted. One batch is in flight at a time, so a slow handler
 * only ever grows its own queue, never delays collection or another handler.
 */
export class HandlerQueue {
  private readonly queue: Queued[] = [];
  private queued = 0;
  private inFlight = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly handler: string,
    private readonly target: HandlerTarget,
    private readonly maxSamples: number,
    private readonly stats: HandlerStats,
    private readonly errors: RateLimitedLog,
  ) {}

  get length(): number {
    return this.queued;
  }

  get idle(): boolean {
    return !this.inFlight && this.queue.length === 0;
  }

  push(batch: EncodedBatch): void {
    if (batch.count === 0) return;
    this.stats.received += batch.count;
    this.queue.push({ batch, attempts: 0 });
    this.queued += batch.count;
    let dropped = 0;
    while (this.queued > this.maxSamples && this.queue.length > 0) {
      const oldest = this.queue.shift();
      if (!oldest) break;
      this.queued -= oldest.batch.count;
      dropped += oldest.batch.count;
    }
    if (dropped > 0) {
      this.stats.dropped += dropped;
      this.errors.error(`drop:${this.handler}`, `handler ${this.handler} queue is full (max_queue_samples ${this.maxSamples}); dropped the oldest ${dropped} samples`, { dropped_total: this.stats.dropped });
    }
    this.stats.queue_length = this.queued;
    this.pump();
  }

  /** Sends the next batch if none is in flight and the handler's worker is ready. */
  pump(): void {
    if (this.inFlight || !this.target.isReady) return;
    const next = this.queue.shift();
    if (!next) {
      this.notifyIdle();
      return;
    }
    this.queued -= next.batch.count;
    this.stats.queue_length = this.queued;
    this.inFlight = true;
    next.attempts++;
    this.target.deliver(this.handler, next.batch).then(
      (delivery) => {
        this.stats.last_write_duration_ms = delivery.durationMs;
        if (delivery.error) {
          this.stats.errors++;
          this.stats.dropped += delivery.count;
          this.errors.error(`process:${this.handler}`, `handler ${this.handler} failed a batch of ${delivery.count} samples: ${delivery.error.message}`);
        } else {
          this.stats.written += delivery.count;
          this.errors.clear(`process:${this.handler}`);
        }
        this.settle();
      },
      (error: unknown) => {
        this.stats.errors++;
        if (next.attempts < MAX_ATTEMPTS) {
          // The worker died under this batch; it goes back to the front for the restarted worker.
          this.queue.unshift(next);
          this.queued += next.batch.count;
        } else {
          this.stats.dropped += next.batch.count;
        }
        this.errors.error(`lost:${this.handler}`, `handler ${this.handler}: ${error instanceof Error ? error.message : String(error)}`);
        this.settle();
      },
    );
  }

  private settle(): void {
    this.inFlight = false;
    this.stats.queue_length = this.queued;
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
}

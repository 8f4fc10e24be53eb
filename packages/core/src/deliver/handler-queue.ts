import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { RateLimitedLog } from '../support/logger.js';
import { sumSamples, type Taken } from './buffer.js';
import { Batcher } from './batcher.js';
import { MemoryBuffer } from './memory-buffer.js';
import { RetryStage } from './retry.js';
import { handlerSpool, type SpoolGuard } from './spool-guard.js';
import { describeBounds, type QueuePolicy } from './queue-policy.js';
import { QueueAccount } from './queue-account.js';
import { Spill } from './spill.js';
import type { DeliveryAnswer, DeliveryObserver, DeliveryStats, HandlerTarget } from './target.js';

/** A delivery out (or waiting to be retried), and the buffer it was taken from. */
interface Out {
  taken: Taken;
  from: 'memory' | 'spool';
  /** Times the handler's thread died under these batches. */
  crashes: number;
}

/** Batches that crashed their thread twice are dropped, not retried forever. */
const MAX_CRASHES = 2;
const PERMANENT = 'SPINEL_DELIVERY_PERMANENT';

/**
 * The queue in front of one handler: {@link MemoryBuffer} (bounded, shedding fairly), a disk buffer
 * behind a {@link SpoolGuard} (with {@link Spill}), {@link Batcher}, {@link RetryStage}. One delivery
 * is out at a time, so a slow handler grows only its own queue. With a spool nothing waits in memory
 * while the backend fails; a disk refusing the spool leaves the queue in memory until retried.
 */
export class HandlerQueue {
  private readonly memory = new MemoryBuffer();
  private readonly spool: SpoolGuard | undefined;
  private readonly spill: Spill | undefined;
  private readonly batcher: Batcher;
  private readonly retry: RetryStage;
  private out: Out | undefined;
  private inFlight = false;
  /** The last delivery failed (retryable): arrivals go straight to the spool. */
  private failing = false;
  private idleWaiters: Array<() => void> = [];
  private readonly account: QueueAccount;

  constructor(
    readonly handler: string,
    private readonly target: HandlerTarget,
    private readonly policy: QueuePolicy,
    private readonly stats: DeliveryStats,
    private readonly errors: RateLimitedLog,
    observer?: DeliveryObserver,
  ) {
    this.account = new QueueAccount(handler, stats, errors, observer);
    this.batcher = new Batcher(policy.batchSize, policy.flushIntervalMs);
    this.retry = new RetryStage(policy.retryInitialMs, policy.retryMaxMs);
    this.spool = handlerSpool(handler, policy, stats, errors, (n, why) => this.account.drop(n, why, 'spool_full'));
    this.spill = this.spool && new Spill(this.spool, this.memory, stats);
    this.updateGauges();
  }

  /** Nothing in memory and nothing out that is not safe on disk. */
  get idle(): boolean {
    return this.memory.isEmpty && this.out?.from !== 'memory';
  }

  /** What a restarted agent found on the spool, to replay before anything newer. */
  get spoolBacklog(): { samples: number; dir: string } | undefined {
    return this.spool && !this.spool.isEmpty ? { samples: this.spool.samples, dir: this.spool.dir } : undefined;
  }

  private updateGauges(): void {
    this.account.gauges(this.memory, this.spool?.samples ?? 0);
  }

  push(batch: EncodedBatch): void {
    if (batch.count === 0) return;
    this.stats.received += batch.count;
    // Memory only waits here after the spool failed; it is older, so it goes first.
    const spooled = this.spill !== undefined && (this.failing || !this.spool?.isEmpty) && this.spill.waiting() && this.spill.write(batch);
    if (!spooled) {
      this.memory.add(batch);
      if (this.memory.samples > this.policy.maxSamples || this.memory.bytes > this.policy.maxBytes) this.overflow();
    }
    this.updateGauges();
    this.pump();
  }

  private overflow(): void {
    if (this.spool?.writable && this.spill?.waiting()) return;
    const { maxSamples, maxBytes, overflow } = this.policy;
    this.account.drop(
      this.memory.shed(maxSamples, maxBytes, overflow),
      `queue is full (${describeBounds(this.policy)}; shed from the collector holding most of it)`,
      'queue_full',
    );
  }

  /** Starts the next delivery if none is out, no retry waits and the thread is ready. */
  pump(): void {
    if (!this.inFlight && !this.retry.waiting && this.target.isReady) {
      this.out ??= this.takeNext();
      if (this.out) this.send(this.out);
    }
    if (this.idle && this.idleWaiters.length > 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** The oldest data first: the spool (older than what waits in memory), then memory when due. */
  private takeNext(): Out | undefined {
    const fromSpool = this.spool?.reader?.take(this.policy.batchSize);
    if (fromSpool) return { taken: fromSpool, from: 'spool', crashes: 0 };
    if (!this.batcher.due(this.memory.samples, this.memory.oldestArrivedAt, () => this.pump())) return undefined;
    const taken = this.memory.take(this.policy.batchSize);
    this.updateGauges();
    return taken && { taken, from: 'memory', crashes: 0 };
  }

  private send(out: Out): void {
    this.inFlight = true;
    this.target.deliver(this.handler, out.taken.batches).then(
      (delivery) => this.delivered(out, delivery),
      (error: unknown) => this.lost(out, error),
    );
  }

  private delivered(out: Out, delivery: DeliveryAnswer): void {
    this.inFlight = false;
    this.stats.last_write_duration_ms = delivery.durationMs;
    if (!delivery.error) {
      this.account.delivered(out.taken.samples);
      this.failing = false;
      this.retry.succeeded();
      this.settle(out);
      return;
    }
    this.stats.errors++;
    if (delivery.error.code === PERMANENT) {
      this.account.drop(out.taken.samples, `refused a batch for good (${delivery.error.message.split('\n')[0]})`, 'refused');
      this.settle(out);
      return;
    }
    this.errors.error(
      `process:${this.handler}`,
      `handler ${this.handler} failed a batch of ${out.taken.samples} samples: ${delivery.error.message}; retrying`,
      { stack: delivery.error.stack },
    );
    this.retryLater(out, delivery.error.retryAfterMs);
  }

  private lost(out: Out, error: unknown): void {
    this.inFlight = false;
    this.stats.errors++;
    out.crashes++;
    this.errors.error(`lost:${this.handler}`, `handler ${this.handler}: ${error instanceof Error ? error.message : String(error)}`);
    if (out.crashes < MAX_CRASHES) {
      this.pump(); // first in line for the restarted thread
      return;
    }
    this.account.drop(out.taken.samples, 'worker died twice under the same batch', 'worker_crash');
    this.settle(out);
  }

  /** The delivery is done with (delivered or dropped): its buffer forgets it. */
  private settle(out: Out): void {
    if (out.from === 'spool') this.spool?.reader?.ack();
    else this.memory.ack();
    this.out = undefined;
    this.updateGauges();
    this.pump();
  }

  /** Keeps the delivery first in line (on disk when the spool takes it) and waits out the retry stage. */
  private retryLater(out: Out, retryAfterMs: number | undefined): void {
    this.stats.retries++;
    this.failing = true;
    if (this.spill && out.from === 'memory') {
      const kept = this.spill.failedOut(out.taken);
      if (kept) out.taken = kept;
      else this.out = undefined;
    }
    this.updateGauges();
    this.retry.schedule(retryAfterMs, () => this.pump());
  }

  /** Sends partial batches at once and resolves when nothing is left in memory (the spool is safe). */
  drain(): Promise<void> {
    this.batcher.flushing = true;
    this.retry.cancel();
    this.batcher.cancel();
    if (this.idle) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.pump();
    return done;
  }

  /**
   * Shutdown after the drain: timers stop, and what is still in memory (or out and unanswered)
   * goes to the spool, or is counted as dropped. Returns the samples kept and dropped.
   */
  stop(): { spooled: number; dropped: number } {
    this.retry.cancel();
    this.batcher.cancel();
    if (this.out?.from === 'spool') this.spool?.reader?.nack();
    const left = this.memory.takeAll();
    const samples = sumSamples(left);
    this.updateGauges();
    if (samples === 0) return { spooled: 0, dropped: 0 };
    if (!this.spill || !this.spool) {
      this.account.drop(samples, 'was stopped with samples still queued (no spool_dir)', 'shutdown');
      return { spooled: 0, dropped: samples };
    }
    // An unanswered delivery is spooled too: it may arrive twice if its answer was only late,
    // which beats losing it.
    const before = this.stats.spooled;
    this.account.drop(this.spill.leftovers(left), `was stopped and its spool in ${this.spool.dir} refused the rest`, 'shutdown');
    this.updateGauges();
    const spooled = this.stats.spooled - before;
    return { spooled, dropped: samples - spooled };
  }
}

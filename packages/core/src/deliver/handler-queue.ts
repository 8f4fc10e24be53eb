import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { RateLimitedLog } from '../support/logger.js';
import { Batcher } from './batcher.js';
import { sumSamples } from './buffer.js';
import { MemoryBuffer } from './memory-buffer.js';
import { MemoryStage } from './memory-stage.js';
import { QueueAccount } from './queue-account.js';
import type { QueuePolicy } from './queue-policy.js';
import { RetryStage } from './retry.js';
import { handlerSpool } from './spool-guard.js';
import { SpoolStage } from './spool-stage.js';
import type { DeliveryStage } from './stage.js';
import type { DeliveryObserver, DeliveryStats, HandlerTarget } from './target.js';
import { TargetStage } from './target-stage.js';

/**
 * The chain in front of one handler, assembled from its policy:
 *
 *   memory (bounded, batcher) -> spool (with `spool_dir`) -> retry -> target (the handler's thread)
 *
 * A delivery goes down, its outcome comes back up; one delivery is out at a time, so a slow
 * handler grows only its own queue. With a spool nothing waits in memory while the backend fails.
 */
export class HandlerQueue {
  private readonly account: QueueAccount;
  private readonly head: MemoryStage;
  private readonly spool: SpoolStage | undefined;
  /** The stage after memory: the spool, or retry without one. */
  private readonly next: DeliveryStage;
  private readonly tail: TargetStage;

  constructor(
    readonly handler: string,
    target: HandlerTarget,
    policy: QueuePolicy,
    private readonly stats: DeliveryStats,
    errors: RateLimitedLog,
    observer?: DeliveryObserver,
  ) {
    const account = new QueueAccount(handler, stats, errors, observer);
    this.account = account;
    const memory = new MemoryBuffer();
    this.tail = new TargetStage(target, account);
    const retry = new RetryStage(this.tail, account, policy.retryInitialMs, policy.retryMaxMs);
    const guard = handlerSpool(handler, policy, stats, errors, (n, why) => account.drop(n, why, 'spool_full'));
    this.spool = guard && new SpoolStage(guard, retry, account, policy.batchSize);
    this.next = this.spool ?? retry;
    Object.assign(account.held, { memory, spool: guard });
    this.head = new MemoryStage(memory, new Batcher(policy.batchSize, policy.flushIntervalMs), this.next, this.spool, policy, account);
    account.updateGauges();
  }

  /** Nothing in memory and nothing out that is not safe on disk. */
  get idle(): boolean {
    return this.head.idle;
  }

  /** What a restarted agent found on the spool, to replay before anything newer. */
  get spoolBacklog(): { samples: number; dir: string } | undefined {
    return this.spool && this.stats.spool_samples > 0 ? { samples: this.stats.spool_samples, dir: this.spool.dir } : undefined;
  }

  push(batch: EncodedBatch): void {
    this.head.push(batch);
    this.pump();
  }

  /** Sending resumes from the end of the chain: each stage that is ready lets the one before it send. Also when the handler's thread is ready again. */
  pump(): void {
    this.tail.resume();
  }

  /** Sends partial batches at once and resolves when nothing is left in memory (the spool is safe). */
  drain(): Promise<void> {
    const idle = this.head.drain();
    this.next.drain();
    this.pump();
    return idle;
  }

  /**
   * Shutdown after the drain: timers stop, and what is still in memory (or out and unanswered)
   * goes to the spool, or is counted as dropped. Returns the samples kept and dropped.
   */
  stop(): { spooled: number; dropped: number } {
    this.next.stop();
    const left = this.head.stop();
    const samples = sumSamples(left);
    if (samples === 0) return { spooled: 0, dropped: 0 };
    if (!this.spool) {
      this.account.drop(samples, 'was stopped with samples still queued (no spool_dir)', 'shutdown');
      return { spooled: 0, dropped: samples };
    }
    // An unanswered delivery is spooled too: it may arrive twice if its answer was only late,
    // which beats losing it.
    const before = this.stats.spooled;
    this.account.drop(this.spool.keepLeftovers(left), `was stopped and its spool in ${this.spool.dir} refused the rest`, 'shutdown');
    this.account.updateGauges();
    const spooled = this.stats.spooled - before;
    return { spooled, dropped: samples - spooled };
  }
}

import type { RateLimitedLog } from '../support/logger.js';
import type { DeliveryObserver, DeliveryStats, DropReason } from './target.js';

/** One handler's delivery counters and the log and observer that hear of drops and deliveries. */
export class QueueAccount {
  constructor(
    readonly handler: string,
    readonly stats: DeliveryStats,
    readonly errors: RateLimitedLog,
    private readonly observer: DeliveryObserver | undefined,
  ) {}

  /** Counts, tells the status board and logs (rate-limited) `count` samples dropped. */
  drop(count: number, why: string, reason: DropReason): void {
    if (count === 0) return;
    this.stats.dropped += count;
    this.observer?.dropped(this.handler, reason, count);
    this.errors.error(`drop:${this.handler}`, `handler ${this.handler} ${why}; dropped ${count} samples`, { dropped_total: this.stats.dropped });
  }

  delivered(samples: number): void {
    this.stats.written += samples;
    this.observer?.delivered(this.handler, samples);
    this.errors.clear(`process:${this.handler}`);
  }

  /** The queue gauges: what waits in memory (samples, bytes) and on the spool. */
  gauges(memory: { samples: number; bytes: number }, spoolSamples: number): void {
    this.stats.queue_length = memory.samples;
    this.stats.queue_bytes = memory.bytes;
    this.stats.spool_samples = spoolSamples;
  }
}

import type { RateLimitedLog } from '../support/logger.js';
import type { DeliveryObserver, DeliveryStats, DropReason } from './target.js';

/** What the queue gauges read: the memory buffer and the spool. */
export interface Held {
  memory?: { readonly samples: number; readonly bytes: number };
  spool?: { readonly samples: number };
}

/** One handler's delivery counters and the log and observer that hear of drops and deliveries. */
export class QueueAccount {
  /** Where the gauges look; the queue fills it in as it assembles its stages. */
  readonly held: Held = {};

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
  updateGauges(): void {
    const { memory, spool } = this.held;
    this.stats.queue_length = memory?.samples ?? 0;
    this.stats.queue_bytes = memory?.bytes ?? 0;
    this.stats.spool_samples = spool?.samples ?? 0;
  }
}

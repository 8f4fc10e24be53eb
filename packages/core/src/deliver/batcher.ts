import { guarded } from '../support/guard.js';

/**
 * Joins collector runs into deliveries: what waits in memory goes out when it fills a batch of
 * `batchSize` samples or when its oldest sample has waited `flushIntervalMs`, or at once while
 * flushing (shutdown). Owns the one timer that wakes the queue for a partial batch.
 */
export class Batcher {
  private timer: NodeJS.Timeout | undefined;
  /** Send partial batches at once (the shutdown drain). */
  flushing = false;

  constructor(
    readonly batchSize: number,
    private readonly flushIntervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when the waiting samples should go now; otherwise arms `wake` for when they should. */
  due(waitingSamples: number, oldestArrivedAt: number | undefined, wake: () => void): boolean {
    if (oldestArrivedAt === undefined) return false;
    if (waitingSamples >= this.batchSize || this.flushing) return true;
    const waitMs = oldestArrivedAt + this.flushIntervalMs - this.now();
    if (waitMs <= 0) return true;
    // A wake that throws leaves the batch for the next arrival or flush; the timer is free again.
    this.timer ??= setTimeout(
      guarded(
        'handler.flush',
        () => {
          this.timer = undefined;
          wake();
        },
        () => (this.timer = undefined),
      ),
      waitMs,
    );
    return false;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

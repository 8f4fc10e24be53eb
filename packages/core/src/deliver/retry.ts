import { Backoff } from '../support/backoff.js';
import { guarded } from '../support/guard.js';
import type { QueueAccount } from './queue-account.js';
import type { Delivery, DeliveryStage, Outcome } from './stage.js';

/** A server's Retry-After is honoured up to this; beyond it looks like a misconfiguration. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * When a failed delivery is tried again: after an exponential backoff with jitter, never before
 * the server's Retry-After (capped). The failure goes back up at once (its buffer keeps the
 * delivery first in line, the spool on disk); this stage is not ready until the wait is over,
 * then says so. A success resets the backoff.
 */
export class RetryStage implements DeliveryStage {
  onReady = (): void => {};
  private timer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;

  constructor(
    private readonly next: DeliveryStage,
    private readonly account: QueueAccount,
    initialMs: number,
    maxMs: number,
  ) {
    this.backoff = new Backoff(initialMs, maxMs);
    next.onReady = () => this.onReady();
  }

  get ready(): boolean {
    return this.timer === undefined && this.next.ready;
  }

  push(delivery: Delivery, answer: (outcome: Outcome) => void): void {
    this.next.push(delivery, (outcome) => {
      if (outcome.kind === 'done') this.backoff.reset();
      else this.wait(outcome.retryAfterMs);
      answer(outcome);
    });
  }

  private wait(retryAfterMs: number | undefined): void {
    this.account.stats.retries++;
    const backoff = this.backoff.next();
    const delay = retryAfterMs === undefined ? backoff : Math.min(MAX_RETRY_AFTER_MS, Math.max(retryAfterMs, backoff));
    this.arm(delay);
  }

  private arm(delay: number): void {
    // A retry that throws is tried again after the next backoff, not lost with the timer.
    const fire = guarded(
      'handler.retry',
      () => {
        this.timer = undefined;
        this.onReady();
      },
      () => {
        this.timer = undefined;
        this.arm(this.backoff.next());
      },
    );
    this.timer = setTimeout(fire, delay);
  }

  /** Cuts a waiting retry short: the drain tries once more at once. */
  drain(): void {
    this.cancel();
    this.next.drain();
  }

  stop(): void {
    this.cancel();
    this.next.stop();
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

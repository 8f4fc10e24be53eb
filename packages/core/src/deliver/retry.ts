import { Backoff } from '../support/backoff.js';
import { guarded } from '../support/guard.js';

/** A server's Retry-After is honoured up to this; beyond it looks like a misconfiguration. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * When a failed delivery is tried again: after an exponential backoff with jitter, never before
 * the server's Retry-After (capped). One retry waits at a time; a success resets the backoff.
 */
export class RetryStage {
  private timer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;

  constructor(initialMs: number, maxMs: number) {
    this.backoff = new Backoff(initialMs, maxMs);
  }

  get waiting(): boolean {
    return this.timer !== undefined;
  }

  schedule(retryAfterMs: number | undefined, retry: () => void): void {
    const backoff = this.backoff.next();
    const delay = retryAfterMs === undefined ? backoff : Math.min(MAX_RETRY_AFTER_MS, Math.max(retryAfterMs, backoff));
    // A retry that throws is tried again after the next backoff, not lost with the timer.
    const fire = guarded(
      'handler.retry',
      () => {
        this.timer = undefined;
        retry();
      },
      () => {
        this.timer = undefined;
        this.schedule(undefined, retry);
      },
    );
    this.timer = setTimeout(fire, delay);
  }

  succeeded(): void {
    this.backoff.reset();
  }

  /** Cuts a waiting retry short (the shutdown drain, or stop). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

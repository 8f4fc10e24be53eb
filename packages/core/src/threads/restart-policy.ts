import { Backoff } from '../support/backoff.js';

/**
 * When a worker that went away starts again: after an exponential backoff that a healthy run
 * resets, but only once the worker has been up for `stableAfterMs`. Otherwise a plugin that exits
 * after every good run would be restarted at the shortest delay for ever.
 */
export class RestartPolicy {
  private upSince: number | undefined;

  constructor(
    private readonly backoff = new Backoff(500, 30_000),
    private readonly stableAfterMs = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The worker is ready. */
  up(): void {
    this.upSince = this.now();
  }

  /** The worker went away; the delay before the next start. */
  down(): number {
    this.upSince = undefined;
    return this.backoff.next();
  }

  /** A start attempt failed before the worker was up; the delay before the next. */
  again(): number {
    return this.backoff.next();
  }

  healthyRun(): void {
    if (this.upSince !== undefined && this.now() - this.upSince >= this.stableAfterMs) this.backoff.reset();
  }
}

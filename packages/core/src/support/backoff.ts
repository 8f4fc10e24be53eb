/** Exponential backoff with full jitter bounds: base * 2^attempt, capped. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 1_000,
    private readonly capMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The next delay; grows until {@link reset}. Jitter keeps restarts of many plugins apart. */
  next(): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** this.attempt);
    this.attempt++;
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}

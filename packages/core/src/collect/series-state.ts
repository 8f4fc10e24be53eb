import { BoundedMap, computeDerivative, type DerivativeOptions } from '@spinel/sdk';

/**
 * A collector's previous counter values, for its derivatives: bounded by `maxEntries` and
 * forgotten after `ttlSeconds` without a new reading. Every series of one run is read "at" the
 * run's start, so the rates of one run share one elapsed time.
 */
export class SeriesState {
  private runStartedAt: number;
  private readonly previous: BoundedMap<string, number>;

  constructor(
    options: { maxEntries: number; ttlSeconds: number },
    private readonly interval: number,
    clock: () => number,
  ) {
    this.runStartedAt = clock();
    this.previous = new BoundedMap({ maxEntries: options.maxEntries, ttlMs: options.ttlSeconds * 1000, now: () => this.runStartedAt * 1000 });
  }

  get size(): number {
    return this.previous.size;
  }

  /** Marks the start of a run at `time` (seconds). */
  startRun(time: number): void {
    this.runStartedAt = time;
  }

  clear(): void {
    this.previous.clear();
  }

  /** The rate since `key`'s previous value; undefined on its first reading or after it expired. */
  derivative(key: string, value: number, options: DerivativeOptions): number | undefined {
    const stateKey = options.instance === undefined ? key : `${options.instance}\u0000${key}`;
    const previous = this.previous.getWithTime(stateKey);
    this.previous.set(stateKey, value);
    if (previous === undefined) return undefined;
    return computeDerivative(previous.value, value, options.interval ?? this.elapsedSince(previous.writtenAt), options);
  }

  /**
   * Seconds since a series' previous reading: after missed runs the rate is the average over the
   * real gap (Diamond divides by the configured interval and so multiplies it by the runs missed);
   * a reading in the same clock second, or a clock that stepped back, falls back to the interval.
   */
  private elapsedSince(readAtMs: number): number {
    const elapsed = this.runStartedAt - readAtMs / 1000;
    return elapsed > 0 ? elapsed : this.interval;
  }
}

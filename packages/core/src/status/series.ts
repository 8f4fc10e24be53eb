import { batchPaths, isCheckRecord, type EncodedBatch } from '../channel/encoded-batch.js';
import { Ring } from './history.js';

/**
 * The metric browser's memory: the last `points` values of at most `maxSeries` metric paths,
 * each forgotten `maxAgeMs` after its last value. A new path arriving while the store is full
 * waits for a slot (freed by expiry at the next sweep); nothing grows with the number of names.
 *
 * Every slot is a Ring over its share of two arrays allocated and written once, at construction: the
 * store's memory is all there from the first minute, so the process's RSS does not creep up
 * for minutes while container churn fills the store, which would look like a leak to anyone
 * watching it (2.2 MB at the defaults, BENCHMARKS.md).
 */
export class SeriesStore {
  private readonly slots = new Map<string, Ring>();
  private readonly free: Ring[] = [];
  private lastSweep = 0;

  constructor(
    private readonly maxSeries: number,
    points: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // fill() writes every page now, so the memory is resident from the start, not as slots fill.
    const times = new Float64Array(maxSeries * points).fill(0);
    const values = new Float64Array(maxSeries * points).fill(0);
    for (let slot = maxSeries - 1; slot >= 0; slot--) {
      const cells = [slot * points, (slot + 1) * points] as const;
      this.free.push(new Ring(points, times.subarray(...cells), values.subarray(...cells)));
    }
  }

  get size(): number {
    return this.slots.size;
  }

  record(batch: EncodedBatch): void {
    if (this.maxSeries === 0 || batch.count === 0) return;
    const paths = batchPaths(batch);
    for (let i = 0; i < batch.count; i++) {
      if (isCheckRecord(batch, i)) continue;
      const path = paths[i] ?? '';
      let ring = this.slots.get(path);
      if (!ring) {
        ring = this.free.pop();
        if (!ring) continue;
        ring.clear();
        this.slots.set(path, ring);
      }
      ring.push((batch.timestamps[i] ?? 0) * 1000, batch.values[i] ?? 0);
    }
    this.sweep();
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [path, ring] of this.slots) {
      if (now - (ring.lastTime ?? 0) <= this.maxAgeMs) continue;
      this.slots.delete(path);
      this.free.push(ring);
    }
  }

  /** Paths containing `filter` (all when empty), sorted, at most `limit`. */
  paths(filter: string, limit: number): string[] {
    const out: string[] = [];
    for (const path of this.slots.keys()) if (!filter || path.includes(filter)) out.push(path);
    return out.sort().slice(0, limit);
  }

  /** Oldest first, as `[unix ms, value]` pairs. */
  values(path: string): Array<[number, number]> | undefined {
    return this.slots.get(path)?.points();
  }
}

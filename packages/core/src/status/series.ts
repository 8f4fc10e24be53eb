import { batchPaths, type EncodedBatch } from '../channel/encoded-batch.js';
import { Ring } from './history.js';

/**
 * The metric browser's memory: the last `points` values of at most `maxSeries` metric paths,
 * each forgotten `maxAgeMs` after its last value. A new path arriving while the store is full
 * waits for a slot (freed by expiry at the next sweep); nothing grows with the number of names.
 */
export class SeriesStore {
  private readonly series = new Map<string, Ring>();
  private lastSweep = 0;

  constructor(
    private readonly maxSeries: number,
    private readonly points: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.series.size;
  }

  record(batch: EncodedBatch): void {
    if (this.maxSeries === 0 || batch.count === 0) return;
    const paths = batchPaths(batch);
    for (let i = 0; i < batch.count; i++) {
      const path = paths[i] ?? '';
      let ring = this.series.get(path);
      if (!ring) {
        if (this.series.size >= this.maxSeries) continue;
        this.series.set(path, (ring = new Ring(this.points)));
      }
      ring.push((batch.timestamps[i] ?? 0) * 1000, batch.values[i] ?? 0);
    }
    this.sweep();
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [path, ring] of this.series) if (now - (ring.lastTime ?? 0) > this.maxAgeMs) this.series.delete(path);
  }

  /** Paths containing `filter` (all when empty), sorted, at most `limit`. */
  paths(filter: string, limit: number): string[] {
    const out: string[] = [];
    for (const path of this.series.keys()) if (!filter || path.includes(filter)) out.push(path);
    return out.sort().slice(0, limit);
  }

  values(path: string): Array<[number, number]> | undefined {
    return this.series.get(path)?.points();
  }
}

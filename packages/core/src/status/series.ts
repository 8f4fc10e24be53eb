import { batchPaths, type EncodedBatch } from '../channel/encoded-batch.js';

/**
 * The metric browser's memory: the last `points` values of at most `maxSeries` metric paths,
 * each forgotten `maxAgeMs` after its last value. A new path arriving while the store is full
 * waits for a slot (freed by expiry at the next sweep); nothing grows with the number of names.
 *
 * Every slot's values live in two arrays allocated and written once, at construction: the
 * store's memory is all there from the first minute, so the process's RSS does not creep up
 * for minutes while container churn fills the store, which would look like a leak to anyone
 * watching it (1.9 MB at the defaults, BENCHMARKS.md).
 */
export class SeriesStore {
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly timeCells: Float64Array;
  private readonly valueCells: Float64Array;
  /** Per slot: where its next value goes, and how many it holds. */
  private readonly next: Uint32Array;
  private readonly held: Uint32Array;
  private lastSweep = 0;

  constructor(
    private readonly maxSeries: number,
    private readonly points: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    const cells = maxSeries * points;
    // fill() writes every page now, so the memory is resident from the start, not as slots fill.
    this.timeCells = new Float64Array(cells).fill(0);
    this.valueCells = new Float64Array(cells).fill(0);
    this.next = new Uint32Array(maxSeries);
    this.held = new Uint32Array(maxSeries);
    for (let slot = maxSeries - 1; slot >= 0; slot--) this.free.push(slot);
  }

  get size(): number {
    return this.slots.size;
  }

  record(batch: EncodedBatch): void {
    if (this.maxSeries === 0 || batch.count === 0) return;
    const paths = batchPaths(batch);
    for (let i = 0; i < batch.count; i++) {
      const path = paths[i] ?? '';
      let slot = this.slots.get(path);
      if (slot === undefined) {
        slot = this.free.pop();
        if (slot === undefined) continue;
        this.slots.set(path, slot);
        this.next[slot] = 0;
        this.held[slot] = 0;
      }
      this.push(slot, (batch.timestamps[i] ?? 0) * 1000, batch.values[i] ?? 0);
    }
    this.sweep();
  }

  private push(slot: number, time: number, value: number): void {
    const at = slot * this.points + (this.next[slot] ?? 0);
    this.timeCells[at] = time;
    this.valueCells[at] = value;
    this.next[slot] = ((this.next[slot] ?? 0) + 1) % this.points;
    if ((this.held[slot] ?? 0) < this.points) this.held[slot] = (this.held[slot] ?? 0) + 1;
  }

  private lastTime(slot: number): number {
    return this.timeCells[slot * this.points + (((this.next[slot] ?? 0) + this.points - 1) % this.points)] ?? 0;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [path, slot] of this.slots) {
      if (now - this.lastTime(slot) <= this.maxAgeMs) continue;
      this.slots.delete(path);
      this.free.push(slot);
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
    const slot = this.slots.get(path);
    if (slot === undefined) return undefined;
    const held = this.held[slot] ?? 0;
    const base = slot * this.points;
    const start = ((this.next[slot] ?? 0) - held + this.points) % this.points;
    const out: Array<[number, number]> = [];
    for (let i = 0; i < held; i++) {
      const at = base + ((start + i) % this.points);
      out.push([this.timeCells[at] ?? 0, this.valueCells[at] ?? 0]);
    }
    return out;
  }
}

/**
 * A fixed number of (time, value) points, oldest overwritten: the page's hour of worker memory,
 * queue depth and run durations. Memory is fixed at construction.
 */
export class Ring {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private next = 0;
  private size = 0;

  /** `times` and `values`, when given, are `capacity` long: views into a larger block (the series store's). */
  constructor(
    readonly capacity: number,
    times?: Float64Array,
    values?: Float64Array,
  ) {
    this.times = times ?? new Float64Array(capacity);
    this.values = values ?? new Float64Array(capacity);
  }

  /** Forgets every point (a slot taken over by another series). */
  clear(): void {
    this.next = 0;
    this.size = 0;
  }

  push(time: number, value: number): void {
    this.times[this.next] = time;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  get length(): number {
    return this.size;
  }

  get lastTime(): number | undefined {
    return this.size === 0 ? undefined : this.times[(this.next - 1 + this.capacity) % this.capacity];
  }

  /** Oldest first, as `[unix ms, value]` pairs. */
  points(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i++) {
      const at = (start + i) % this.capacity;
      out.push([this.times[at] ?? 0, this.values[at] ?? 0]);
    }
    return out;
  }
}

/** Named rings (one per worker, handler or collector of the config): bounded by the config. */
export class HistorySet {
  private readonly rings = new Map<string, Ring>();

  constructor(private readonly capacity: number) {}

  push(name: string, time: number, value: number): void {
    let ring = this.rings.get(name);
    if (!ring) this.rings.set(name, (ring = new Ring(this.capacity)));
    ring.push(time, value);
  }

  /** Forgets rings whose names are no longer in the config (after a reload). */
  retain(names: ReadonlySet<string>): void {
    for (const name of this.rings.keys()) if (!names.has(name)) this.rings.delete(name);
  }

  toJSON(): Record<string, Array<[number, number]>> {
    return Object.fromEntries([...this.rings].map(([name, ring]) => [name, ring.points()]));
  }
}

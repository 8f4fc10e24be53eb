export interface BoundedMapOptions {
  /** Most entries kept; inserting past it evicts the least recently written. */
  maxEntries: number;
  /** Entries not written for this long are dropped. 0 disables the TTL. */
  ttlMs: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
}

/**
 * A Map for per-series state that can never grow without bound: a size cap with
 * least-recently-written eviction and a TTL. Every piece of per-series state in Spinel lives in
 * one of these, so a host with endless metric names cannot leak through it.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, { value: V; writtenAt: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private lastSweep = 0;
  /** Entries evicted by the size cap or the TTL since creation. */
  evictions = 0;

  constructor(options: BoundedMapOptions) {
    if (!(options.maxEntries >= 1)) throw new RangeError('BoundedMap maxEntries must be at least 1');
    this.maxEntries = options.maxEntries;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.ttlMs > 0 && this.now() - entry.writtenAt > this.ttlMs) {
      this.entries.delete(key);
      this.evictions++;
      return undefined;
    }
    return entry.value;
  }

  /** The value with when it was last written (by this map's clock); undefined when absent or expired. */
  getWithTime(key: K): { readonly value: V; readonly writtenAt: number } | undefined {
    return this.get(key) === undefined ? undefined : this.entries.get(key);
  }

  set(key: K, value: V): void {
    const now = this.now();
    this.entries.delete(key);
    this.entries.set(key, { value, writtenAt: now });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
        this.evictions++;
      }
    }
    if (this.ttlMs > 0 && now - this.lastSweep > this.ttlMs) this.sweep(now);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }

  /** Drops every expired entry. Entries are ordered by write time, so the scan stops early. */
  sweep(now = this.now()): void {
    this.lastSweep = now;
    for (const [key, entry] of this.entries) {
      if (now - entry.writtenAt <= this.ttlMs) break;
      this.entries.delete(key);
      this.evictions++;
    }
  }
}

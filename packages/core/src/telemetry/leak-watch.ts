/** Readings in a window: at the default 300 s leak_watch_interval, an hour. */
export const LEAK_WINDOW = 12;

/**
 * Watches a plugin worker's heap after GC, one reading per leak_watch_interval. A heap that rose
 * at every reading across the whole window, by more than `minRiseBytes` in all, is a suspected
 * leak: growth that never levels off, unlike a cache filling up or V8 settling after start.
 */
export class LeakWatch {
  private readings: number[] = [];

  constructor(
    private readonly window = LEAK_WINDOW,
    private readonly minRiseBytes = 1024 * 1024,
  ) {}

  /** Records a reading; true when the window now shows a suspected leak. */
  record(heapBytes: number): boolean {
    this.readings.push(heapBytes);
    if (this.readings.length > this.window) this.readings.shift();
    return this.suspected;
  }

  get suspected(): boolean {
    const r = this.readings;
    if (r.length < this.window) return false;
    for (let i = 1; i < r.length; i++) if ((r[i] ?? 0) <= (r[i - 1] ?? 0)) return false;
    return (r.at(-1) ?? 0) - (r[0] ?? 0) > this.minRiseBytes;
  }

  /** A restarted worker starts a fresh window. */
  reset(): void {
    this.readings = [];
  }
}

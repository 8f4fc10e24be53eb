import type { WorkerMemory } from '../channel/messages.js';

/**
 * What the main thread knows of one worker's memory, for the guards that must pick a worker to
 * restart: the last report, the report of the incarnation before a restart (memory a terminated
 * thread held may not be back with the system yet), and how much the process grew since the
 * worker's work in flight began (a run or delivery still allocating has sent no report yet).
 */
export class MemoryAccount {
  /** The worker's memory as of its last run result or ack; undefined until one arrives after a (re)start. */
  last: WorkerMemory | undefined;
  /** {@link last} of the incarnation before the last restart. */
  previous: WorkerMemory | undefined;
  /** Process RSS when the worker's work in flight began; undefined while it has none. */
  busyFromRss: number | undefined;

  constructor(private readonly onBusy: (() => void) | undefined) {}

  restarted(): void {
    this.previous = this.last ?? this.previous;
    this.last = undefined;
    this.busyFromRss = undefined;
  }

  /** Runs or deliveries out now; the first wakes the growth watch. */
  inFlight(count: number, rss: () => number = () => process.memoryUsage.rss()): void {
    if (count === 0) this.busyFromRss = undefined;
    else if (this.busyFromRss === undefined) {
      this.busyFromRss = rss();
      this.onBusy?.();
    }
  }

  /** Process growth since the work in flight began (0 when idle). */
  growth(rss: number): number {
    return this.busyFromRss === undefined ? 0 : Math.max(0, rss - this.busyFromRss);
  }

  /** The most memory that can be laid at this worker's door: reported, reported before a restart, or grown while busy. */
  blame(rss: number): number {
    const held = (m: WorkerMemory | undefined): number => (m ? m.heapUsedBytes + m.externalBytes : 0);
    return Math.max(held(this.last), held(this.previous), this.growth(rss));
  }
}

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
  /**
   * Another worker had work in flight at some time during this worker's: the process's growth
   * since {@link busyFromRss} may then be the other's, not this one's.
   */
  overlapped = false;
  /**
   * What the memory watch saw the incarnation before the last restart hold, or grow the process
   * by, as it restarted it (no report of its shows it); that memory may not be back yet.
   */
  private seenBeforeRestart = 0;

  constructor(private readonly onBusy: (() => void) | undefined) {}

  /** The worker was restarted; `seenBytes`: what the memory watch saw it hold or grow by, if that was why. */
  restarted(seenBytes = 0): void {
    this.previous = this.last ?? this.previous;
    this.seenBeforeRestart = seenBytes;
    this.last = undefined;
    this.busyFromRss = undefined;
    this.overlapped = false;
  }

  /** Runs or deliveries out now; the first wakes the growth watch. */
  inFlight(count: number, rss: () => number = () => process.memoryUsage.rss()): void {
    if (count === 0) {
      this.busyFromRss = undefined;
      this.overlapped = false;
    } else if (this.busyFromRss === undefined) {
      this.busyFromRss = rss();
      this.overlapped = false;
      this.onBusy?.();
    }
  }

  /** Process growth since the work in flight began (0 when idle). */
  growth(rss: number): number {
    return this.busyFromRss === undefined ? 0 : Math.max(0, rss - this.busyFromRss);
  }

  /**
   * The most memory that can be laid at this worker's door: reported, reported (or seen by the
   * memory watch) before a restart, held by its isolate now (`isolateBytes`, where it could be
   * asked), or grown while busy, unless another worker was busy too and its isolate answered.
   */
  blame(rss: number, isolateBytes?: number): number {
    const held = (m: WorkerMemory | undefined): number => (m ? m.heapUsedBytes + m.externalBytes : 0);
    const growth = isolateBytes !== undefined && this.overlapped ? 0 : this.growth(rss);
    return Math.max(held(this.last), held(this.previous), this.seenBeforeRestart, isolateBytes ?? 0, growth);
  }
}

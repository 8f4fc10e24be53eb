import type { Logger } from '@spinel/sdk';
import type { HeapReport } from '../channel/messages.js';
import { LEAK_WINDOW, LeakWatch } from './leak-watch.js';
import type { ThreadStats } from './stats.js';

/** A plugin thread as the heap watch sees it. */
export interface WatchedThread {
  readonly name: string;
  readonly restarts: number;
  readonly specs: ReadonlyArray<{ key: string }>;
  heap(): Promise<HeapReport | undefined>;
}

/**
 * Reads one thread's heap after GC at each leak-watch reading, feeds its leak watch (heap plus
 * off-heap memory) and updates its plugins' stats. A reading still out when the next tick comes
 * is not started again: a busy or hung thread answers late, and nobody waits for it.
 */
export class HeapWatch {
  private readonly watch = new LeakWatch();
  private restarts: number;
  private reading = false;

  constructor(
    private readonly thread: WatchedThread,
    /** The stats of the thread's plugins (replaced when a reload changes them). */
    public stats: readonly ThreadStats[],
    private readonly log: Logger,
  ) {
    this.restarts = thread.restarts;
  }

  /** Copies the thread's restart count into its plugins' stats (cheap; every tick). */
  countRestarts(): void {
    for (const s of this.stats) s.restarts = this.thread.restarts;
  }

  async read(): Promise<void> {
    this.countRestarts();
    if (this.reading) return;
    this.reading = true;
    try {
      await this.record();
    } finally {
      this.reading = false;
    }
  }

  private async record(): Promise<void> {
    const { thread } = this;
    if (this.restarts !== thread.restarts) {
      this.watch.reset();
      this.restarts = thread.restarts;
    }
    const heap = await thread.heap();
    const suspected = heap ? this.watch.record(heap.usedBytes + heap.externalBytes) : this.watch.suspected;
    if (suspected && this.stats.some((s) => !s.suspected_leak)) {
      this.log.warn(`worker ${thread.name} is suspected of leaking: its heap plus off-heap memory after GC rose at each of the last ${LEAK_WINDOW} readings`, {
        heap_used_bytes: heap?.usedBytes,
        external_bytes: heap?.externalBytes,
        plugins: thread.specs.map((p) => p.key).join(','),
      });
    }
    for (const s of this.stats) {
      s.restarts = thread.restarts;
      if (heap) {
        s.worker_heap_used_bytes = heap.usedBytes;
        s.worker_external_bytes = heap.externalBytes;
      }
      s.suspected_leak = suspected ? 1 : 0;
    }
  }
}

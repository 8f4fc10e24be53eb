import type { Logger } from '@spinel/sdk';
import { guarded } from '../support/guard.js';
import type { ThreadSupervisor } from './supervisor.js';

const EVERY_MS = 100;

/**
 * The memory caps while memory grows, not after: a worker's off-heap cap is checked when its run
 * or delivery reports, which a handler allocating gigabytes in one delivery never does in time.
 * While any worker has work in flight (and only then: an idle agent does not wake for it), the
 * process RSS is read every 100 ms; a worker under whose work the process grew past that
 * worker's own heap and off-heap caps is restarted at once, and `onTick` lets the RSS bound
 * judge too.
 */
export class GrowthWatch {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly workers: () => ReadonlyArray<ThreadSupervisor<object>>,
    private readonly log: Logger,
    private readonly onTick: () => void,
    private readonly rss: () => number = () => process.memoryUsage.rss(),
  ) {}

  /** A worker took work: watch until none has any. */
  wake(): void {
    if (this.timer) return;
    this.timer = setTimeout(guarded('memory.watch', () => this.tick(), () => this.rearm()), EVERY_MS);
    this.timer.unref();
  }

  tick(): void {
    this.timer = undefined;
    const rss = this.rss();
    let busy = false;
    const mb = (bytes: number): number => Math.round(bytes / 1048576);
    for (const worker of this.workers()) {
      if (worker.memory.busyFromRss === undefined) continue;
      busy = true;
      const grown = worker.memory.growth(rss);
      if (grown <= worker.memoryCapBytes) continue;
      this.log.warn(`worker ${worker.group}: the agent grew by ${mb(grown)} MB during its run or delivery, past the worker's max_heap_mb plus max_external_mb (${mb(worker.memoryCapBytes)} MB); restarting it before it finishes`);
      worker.fail(`grew the agent by ${mb(grown)} MB in one run or delivery (past max_heap_mb + max_external_mb, ${mb(worker.memoryCapBytes)} MB)`);
    }
    this.onTick();
    if (busy) this.rearm();
  }

  private rearm(): void {
    this.timer = undefined;
    this.wake();
  }
}

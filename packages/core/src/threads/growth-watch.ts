import type { Logger } from '@spinel/sdk';
import { guarded } from '../support/guard.js';
import type { ThreadSupervisor } from './supervisor.js';

const EVERY_MS = 100;
/** How long an isolate has to say what it holds; it answers in a few ms even when busy. */
export const ASK_ISOLATE_MS = 250;

const mb = (bytes: number): number => Math.round(bytes / 1048576);

/**
 * The memory caps while memory grows, not after: a worker's off-heap cap is checked when its run
 * or delivery reports, which a handler allocating gigabytes in one delivery never does in time.
 * While any worker has work in flight (and only then: an idle agent does not wake for it), every
 * 100 ms the process RSS is read and each busy worker's isolate is asked what it holds; a worker
 * past its own heap and off-heap caps is restarted at once, and `onTick` lets the RSS bound judge.
 *
 * Two measures, because neither is enough alone. The isolate's own figure is exact for what
 * JavaScript allocates, and sees memory the allocator reuses from an earlier incarnation (no RSS
 * growth at all); the process's growth also sees a native library's allocations, but is one
 * worker's only while no other had work in flight beside it (`MemoryAccount.overlapped`). So the
 * growth judges a worker that was busy alone, or one whose isolate cannot say (Node before 22.16,
 * or no answer in time); a worker that shared its time is not restarted for another's gigabytes.
 */
export class GrowthWatch {
  private timer: NodeJS.Timeout | undefined;
  /** Waiting for the isolates' answers: the next look comes after them. */
  private looking = false;

  constructor(
    private readonly workers: () => ReadonlyArray<ThreadSupervisor<object>>,
    private readonly log: Logger,
    private readonly onTick: () => void,
    private readonly rss: () => number = () => process.memoryUsage.rss(),
  ) {}

  /** A worker took work: note whom it overlaps, and watch until none has any. */
  wake(): void {
    const busy = this.workers().filter((worker) => worker.memory.busyFromRss !== undefined);
    if (busy.length > 1) for (const worker of busy) worker.memory.overlapped = true;
    if (this.timer || this.looking) return;
    this.timer = setTimeout(
      guarded(
        'memory.watch',
        () => void this.tick(),
        () => this.rearm(),
      ),
      EVERY_MS,
    );
    this.timer.unref();
  }

  /** One look at every busy worker. */
  async tick(): Promise<void> {
    this.timer = undefined;
    const busy = this.workers().filter((worker) => worker.memory.busyFromRss !== undefined);
    if (busy.length === 0) {
      this.onTick();
      return;
    }
    this.looking = true;
    try {
      const rss = this.rss();
      await Promise.all(busy.map((worker) => this.judge(worker, rss)));
    } catch (error) {
      this.log.error(`memory watch: a look at the busy workers failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.looking = false;
    }
    this.onTick();
    this.rearm();
  }

  private async judge(worker: ThreadSupervisor<object>, rss: number): Promise<void> {
    const incarnation = worker.restarts;
    const ownBytes = await worker.isolateMemory(ASK_ISOLATE_MS);
    if (worker.restarts !== incarnation || worker.memory.busyFromRss === undefined) return;
    const cap = worker.memoryCapBytes;
    if (ownBytes !== undefined && ownBytes > cap) {
      this.restart(worker, ownBytes, `its heap and off-heap reached ${mb(ownBytes)} MB`, `held ${mb(ownBytes)} MB of heap and off-heap`);
      return;
    }
    const grownBytes = worker.memory.growth(rss);
    if (grownBytes <= cap) return;
    if (worker.memory.overlapped && ownBytes !== undefined) {
      this.log.debug(
        `worker ${worker.name}: the agent grew by ${mb(grownBytes)} MB while its work and another worker's were in flight, but its own heap and off-heap hold ${mb(ownBytes)} MB; not restarting it`,
      );
      return;
    }
    this.restart(worker, grownBytes, `the agent grew by ${mb(grownBytes)} MB`, `grew the agent by ${mb(grownBytes)} MB`);
  }

  /** Restarts `worker` for `bytes` held or grown in one run or delivery; `seen` and `did` say which, for the log and the reason. */
  private restart(worker: ThreadSupervisor<object>, bytes: number, seen: string, did: string): void {
    const cap = mb(worker.memoryCapBytes);
    this.log.warn(
      `worker ${worker.name}: ${seen} during its run or delivery, past the worker's max_heap_mb plus max_external_mb (${cap} MB); restarting it before it finishes`,
    );
    worker.fail(`${did} in one run or delivery (past max_heap_mb + max_external_mb, ${cap} MB)`, bytes);
  }

  private rearm(): void {
    this.timer = undefined;
    this.wake();
  }
}

import type { Logger } from '@spinel/sdk';
import { ASK_ISOLATE_MS } from './growth-watch.js';
import { heaviestWorker } from './heaviest-worker.js';
import type { ThreadSupervisor } from './supervisor.js';

/** At most one check a second; after a restart, time for the memory to be returned. */
const CHECK_EVERY_MS = 1_000;
const COOLDOWN_MS = 30_000;

/**
 * Bounds the whole process: when its RSS passes `max_rss_mb`, the worker that holds the most
 * memory (heap plus off-heap, asked of its isolate where the runtime can, else as last reported)
 * is restarted and named. Checked when a run finishes and at each telemetry tick, never by a timer
 * of its own, so an idle agent does not wake for it.
 */
export class RssGuard {
  private checkedAt = Number.NEGATIVE_INFINITY;
  private restartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly maxRssMb: number,
    private readonly workers: () => ReadonlyArray<ThreadSupervisor<object>>,
    private readonly log: Logger,
    private readonly rss: () => number = () => process.memoryUsage.rss(),
    private readonly now: () => number = () => performance.now(),
  ) {}

  async check(): Promise<void> {
    const now = this.now();
    if (now - this.checkedAt < CHECK_EVERY_MS || now - this.restartedAt < COOLDOWN_MS) return;
    this.checkedAt = now;
    let rss: number;
    try {
      rss = this.rss();
    } catch {
      // uv_resident_set_memory opens /proc/self/stat: at the descriptor limit it throws EMFILE.
      // The check waits for the next tick; the descriptor guard is what handles the flood.
      return;
    }
    if (rss <= this.maxRssMb * 1024 * 1024) return;
    const workers = this.workers();
    const isolates = new Map(await Promise.all(workers.map(async (worker) => [worker, await worker.isolateMemory(ASK_ISOLATE_MS)] as const)));
    // What it holds, reported, held before a restart (not yet back with the system), or what the
    // process grew by under its work: never an innocent worker for want of a report.
    const heaviest = heaviestWorker(workers, (worker) => worker.memory.blame(rss, isolates.get(worker)));
    if (!heaviest) return;
    this.restartedAt = this.now();
    const mb = (bytes: number): number => Math.round(bytes / 1048576);
    if (heaviest.worker.state === 'restarting') {
      this.log.warn(
        `agent RSS ${mb(rss)} MB passed max_rss_mb ${this.maxRssMb}; worker ${heaviest.worker.name}, which held the most memory (${mb(heaviest.amount)} MB), is already being restarted`,
      );
      return;
    }
    this.log.warn(
      `agent RSS ${mb(rss)} MB passed max_rss_mb ${this.maxRssMb}; restarting worker ${heaviest.worker.name}, which holds the most memory (${mb(heaviest.amount)} MB heap plus off-heap, or grown under its work)`,
    );
    heaviest.worker.fail(`was restarted to bring the agent under max_rss_mb ${this.maxRssMb}`);
  }
}

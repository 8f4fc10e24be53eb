import type { Logger } from '@spinel/sdk';
import { DescriptorGuard } from './descriptor-guard.js';
import { GrowthWatch } from './growth-watch.js';
import { RssGuard } from './rss-guard.js';
import type { ThreadSupervisor } from './supervisor.js';

/** The whole process's bounds (RSS, descriptors), checked as runs finish and at telemetry ticks. */
export class ProcessBounds {
  private readonly rss: RssGuard;
  private readonly descriptors: DescriptorGuard;
  /** Wake it when a worker takes work ({@link SupervisorOptions.onBusy}). */
  readonly growth: GrowthWatch;

  constructor(
    maxRssMb: number,
    workers: () => ReadonlyArray<ThreadSupervisor<object>>,
    private readonly log: Logger,
  ) {
    this.rss = new RssGuard(maxRssMb, workers, log);
    this.descriptors = new DescriptorGuard(workers, log);
    this.growth = new GrowthWatch(workers, log, () => this.checkRss());
  }

  private checkRss(): void {
    this.rss
      .check()
      .catch((error: unknown) => this.log.error(`memory: the max_rss_mb check failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Once the workers are up: warns when their descriptor caps leave the agent short. */
  started(): void {
    this.descriptors.checkBudget();
  }

  check(): void {
    this.checkRss();
    this.descriptors.check();
  }
}

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

  constructor(maxRssMb: number, workers: () => ReadonlyArray<ThreadSupervisor<object>>, log: Logger) {
    this.rss = new RssGuard(maxRssMb, workers, log);
    this.descriptors = new DescriptorGuard(workers, log);
    this.growth = new GrowthWatch(workers, log, () => this.rss.check());
  }

  /** Once the workers are up: warns when their descriptor caps leave the agent short. */
  started(): void {
    this.descriptors.checkBudget();
  }

  check(): void {
    this.rss.check();
    this.descriptors.check();
  }
}

import type { Logger } from '@spinel/sdk';
import { descriptorLimit, openDescriptors } from './descriptors.js';
import { heaviestWorker } from './heaviest-worker.js';
import type { ThreadSupervisor } from './supervisor.js';

const CHECK_EVERY_MS = 1_000;
const COOLDOWN_MS = 10_000;

/** Descriptors kept for the agent itself (its log, config reads, status server, spool files). */
export function descriptorReserve(limit: number): number {
  return Math.max(64, Math.ceil(limit / 20));
}

/**
 * Bounds the process's descriptors: when those open pass the limit less the agent's reserve (or
 * cannot even be counted, EMFILE), the worker that reported the most descriptors is restarted and
 * named; its sockets close with it and the files it opened are closed after it. Each worker's own
 * cap (max_descriptors) catches a leak sooner; this catches many plugins together. Checked when a
 * run finishes and at each telemetry tick, like the RSS guard.
 */
export class DescriptorGuard {
  private checkedAt = Number.NEGATIVE_INFINITY;
  private restartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly workers: () => ReadonlyArray<ThreadSupervisor<object>>,
    private readonly log: Logger,
    private readonly limit = descriptorLimit(),
    private readonly open: () => number | undefined = openDescriptors,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Says at start when the workers' caps together leave the agent less than its reserve. */
  checkBudget(): void {
    const caps = this.workers().reduce((sum, worker) => sum + worker.maxDescriptors, 0);
    const room = this.limit - descriptorReserve(this.limit);
    if (caps > room) {
      this.log.warn(
        `the workers' max_descriptors add up to ${caps}, above the ${room} this process may give them (limit ${this.limit} less a reserve of ${descriptorReserve(this.limit)}); the descriptor guard restarts the heaviest worker when they run short. Raise LimitNOFILE or lower max_descriptors`,
      );
    }
  }

  check(): void {
    const now = this.now();
    if (now - this.checkedAt < CHECK_EVERY_MS || now - this.restartedAt < COOLDOWN_MS) return;
    this.checkedAt = now;
    const open = this.open();
    const room = this.limit - descriptorReserve(this.limit);
    if (open !== undefined && open <= room) return;
    const heaviest = heaviestWorker(this.workers(), (worker) => worker.lastMemory?.descriptors ?? 0);
    if (!heaviest) return;
    this.restartedAt = now;
    const count = open === undefined ? 'all (EMFILE)' : String(open);
    this.log.warn(
      `the agent holds ${count} of its ${this.limit} descriptors, past the limit less its reserve; restarting worker ${heaviest.worker.name}, which holds the most (${heaviest.amount})`,
    );
    heaviest.worker.fail(`was restarted to free descriptors (${heaviest.amount} held)`);
  }
}

// A collector entry on the schedule: its runs go to its thread; each outcome is counted, shown
// on the status board, and followed by the process-wide bounds check.
import type { CollectorSettings } from '../channel/run.js';
import type { CollectorGroup } from '../collect/collector-group.js';
import { recordRun, recordSkip } from '../collect/run-accounting.js';
import { staggerOffset, type Scheduler } from '../schedule/scheduler.js';
import type { StatusBoard } from '../status/board.js';
import type { RateLimitedLog } from '../support/logger.js';
import type { Telemetry } from '../telemetry/stats.js';

interface ScheduleContext {
  scheduler: Scheduler;
  telemetry: Telemetry;
  errors: RateLimitedLog;
  board: StatusBoard;
  afterRun: () => void;
}

export function scheduleCollector(context: ScheduleContext, group: CollectorGroup, settings: CollectorSettings, splay: number): void {
  const { key, interval, timeout } = settings;
  const { errors, board } = context;
  const stats = context.telemetry.collector(key);
  context.scheduler.add({
    name: key,
    intervalMs: interval * 1000,
    // One offset per thread: its collectors that share an interval are due at the same tick
    // and run on one wake-up of the thread; splay spreads the threads, not one thread's work.
    offsetMs: staggerOffset(group.name, Math.min(splay, interval) * 1000),
    run: async () => {
      const outcome = await group.collect(key, timeout);
      recordRun(key, outcome, stats, errors);
      if (outcome.kind === 'ran')
        board.collectorRan(
          key,
          { durationMs: outcome.result.durationMs, samples: outcome.result.samples, failed: outcome.result.error !== undefined },
          interval * 1000,
        );
      context.afterRun();
    },
    onSkip: () => recordSkip(key, stats, errors),
  });
}

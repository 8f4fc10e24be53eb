import type { RateLimitedLog } from '../support/logger.js';
import { LOAD_FAILED } from '../threads/load-retry.js';
import type { RunOutcome } from './collector-group.js';

/** What the schedule counts for each collector (part of its telemetry). */
export interface RunStats {
  runs: number;
  errors: number;
  timeouts: number;
  skipped: number;
  samples: number;
  /** Samples not published: values that were not finite numbers, names that were refused. */
  rejected: number;
  /** Runs that found the collector not loaded in its worker (retried with backoff). */
  load_errors: number;
  last_duration_ms: number;
}

/** Counts one scheduled run's outcome and logs its failure (rate-limited; the first with its stack). */
export function recordRun(key: string, outcome: RunOutcome, stats: RunStats, errors: RateLimitedLog): void {
  switch (outcome.kind) {
    case 'ran': {
      const { result } = outcome;
      stats.runs++;
      stats.samples += result.samples;
      stats.rejected += result.rejected;
      stats.last_duration_ms = result.durationMs;
      if (result.timedOut) stats.timeouts++;
      if (result.error) {
        stats.errors++;
        if (result.error.code === LOAD_FAILED) stats.load_errors++;
        errors.error(`run:${key}`, `collector ${key} failed: ${result.error.message}`, { code: result.error.code, stack: result.error.stack });
      } else {
        errors.clear(`run:${key}`);
      }
      return;
    }
    case 'unavailable':
      stats.skipped++;
      return;
    case 'hung':
      stats.timeouts++;
      stats.errors++;
      return;
    case 'lost':
      stats.errors++;
      errors.error(`run:${key}`, `collector ${key} run lost: ${outcome.reason}`);
      return;
  }
}

/** A run that was due while the previous one still ran. */
export function recordSkip(key: string, stats: RunStats, errors: RateLimitedLog): void {
  stats.skipped++;
  errors.error(`skip:${key}`, `collector ${key} was still running when its next run was due; skipped`);
}

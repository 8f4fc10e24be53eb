import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { RateLimitedLog } from '../support/logger.js';
import type { DeliveryStats } from './target.js';
import { DiskBuffer, type SpoolEvents, type SpoolFull } from './disk-buffer.js';
import { describeBounds, type QueuePolicy } from './queue-policy.js';

/** How long a spool that failed is left alone before the next write is tried. */
export const SPOOL_RETRY_MS = 30_000;

export interface SpoolConfig {
  dir: string;
  maxBytes: number;
  full: SpoolFull;
}

export interface SpoolGuardEvents extends SpoolEvents {
  /** The disk refused the spool (ENOSPC, EROFS, EACCES...); it is left alone for {@link SPOOL_RETRY_MS}. */
  failed(action: 'open' | 'write', dir: string, error: NodeJS.ErrnoException): void;
}

/** What a write came to: on disk, refused for want of room (counted as dropped), or failed on disk. */
export type SpoolWrite = 'written' | 'refused' | 'failed';

/**
 * A handler's spool as the queue sees it: opened lazily, and a disk that refuses it (full,
 * read-only, no permission) is that handler's problem only. A failure is reported, the spool is
 * left alone for a while (the queue keeps batches in its bounded memory meanwhile) and then tried
 * again. What is already on disk stays readable for replay while writes fail.
 */
export class SpoolGuard {
  private spool: DiskBuffer | undefined;
  private retryAt = 0;

  constructor(
    private readonly config: SpoolConfig,
    private readonly events: SpoolGuardEvents,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.open();
  }

  get dir(): string {
    return this.config.dir;
  }

  /** True while writes may be tried: not within the pause after a failure. */
  get writable(): boolean {
    if (this.now() < this.retryAt) return false;
    return this.open() !== undefined;
  }

  /** The open spool for reading (replay), whether or not writes work now. */
  get reader(): DiskBuffer | undefined {
    return this.spool;
  }

  get samples(): number {
    return this.spool?.samplesOnDisk ?? 0;
  }

  get isEmpty(): boolean {
    return this.spool?.isEmpty ?? true;
  }

  write(batch: EncodedBatch, front = false): SpoolWrite {
    const spool = this.writable ? this.spool : undefined;
    if (!spool) return 'failed';
    try {
      return spool.write(batch, front) ? 'written' : 'refused';
    } catch (error) {
      this.fail('write', error);
      return 'failed';
    }
  }

  private open(): DiskBuffer | undefined {
    if (this.spool) return this.spool;
    if (this.now() < this.retryAt) return undefined;
    try {
      this.spool = new DiskBuffer(this.config.dir, this.config.maxBytes, this.config.full, this.events);
    } catch (error) {
      this.fail('open', error);
    }
    return this.spool;
  }

  private fail(action: 'open' | 'write', error: unknown): void {
    this.retryAt = this.now() + SPOOL_RETRY_MS;
    const errno = error instanceof Error ? (error as NodeJS.ErrnoException) : Object.assign(new Error(String(error)), { code: undefined });
    this.events.failed(action, this.config.dir, errno);
  }
}

/** A handler's spool guard whose events are counted in its stats and logged (rate-limited) under its name. */
export function reportingSpoolGuard(input: {
  handler: string;
  dir: string;
  maxBytes: number;
  full: SpoolFull;
  /** The memory queue's bounds, for the message that says batches are kept there. */
  bounds: string;
  stats: DeliveryStats;
  errors: RateLimitedLog;
  drop(samples: number, why: string): void;
}): SpoolGuard {
  const { handler, stats, errors } = input;
  return new SpoolGuard(
    { dir: input.dir, maxBytes: input.maxBytes, full: input.full },
    {
      corrupt: (file, reason) => {
        stats.spool_corrupt++;
        errors.error(`spool:${handler}`, `handler ${handler}: spool file ${file} is unreadable (${reason}); renamed to .corrupt and skipped`);
      },
      dropped: (samples, why) => input.drop(samples, why),
      failed: (action, dir, error) => {
        stats.spool_errors++;
        errors.error(
          `spool-failed:${handler}`,
          `handler ${handler}: cannot ${action} its spool in ${dir} (${error.message}); keeping batches in memory (${input.bounds}) and trying the spool again in ${SPOOL_RETRY_MS / 1000} s`,
          { errno: error.code, spool_errors: stats.spool_errors },
        );
      },
    },
  );
}

/** The spool of a handler whose policy has one ({@link reportingSpoolGuard}); undefined without `spool_dir`. */
export function handlerSpool(
  handler: string,
  policy: QueuePolicy,
  stats: DeliveryStats,
  errors: RateLimitedLog,
  drop: (samples: number, why: string) => void,
): SpoolGuard | undefined {
  if (!policy.spool) return undefined;
  const { dir, maxBytes } = policy.spool;
  return reportingSpoolGuard({ handler, dir, maxBytes, full: policy.overflow, bounds: describeBounds(policy), stats, errors, drop });
}

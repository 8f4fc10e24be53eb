import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { RunFailure } from '../channel/run.js';

/** What a handler's thread answered for one delivery. */
export interface DeliveryAnswer {
  count: number;
  durationMs: number;
  error: RunFailure | undefined;
}

/** Where a queue sends batches: a handler inside a (possibly shared) handler thread. */
export interface HandlerTarget {
  readonly isReady: boolean;
  /** Hands the batches to the handler's `process` as one array of samples. */
  deliver(handler: string, batches: readonly EncodedBatch[]): Promise<DeliveryAnswer>;
}

/** The counters and gauges the delivery stages move for one handler (part of its telemetry). */
export interface DeliveryStats {
  received: number;
  written: number;
  dropped: number;
  errors: number;
  retries: number;
  /** Samples written to the spool (each time: a sample spooled twice counts twice). */
  spooled: number;
  /** Spool files found unreadable and skipped. */
  spool_corrupt: number;
  /** Times the disk refused the spool (full, read-only, no permission). */
  spool_errors: number;
  queue_length: number;
  /** Estimated bytes of the batches queued in memory. */
  queue_bytes: number;
  spool_samples: number;
  last_write_duration_ms: number;
}

/** Why samples were dropped, as the status page counts them. */
export type DropReason = 'queue_full' | 'spool_full' | 'refused' | 'worker_crash' | 'shutdown';

/** Told of each delivery's outcome (the status board listens). */
export interface DeliveryObserver {
  delivered(handler: string, samples: number): void;
  dropped(handler: string, reason: DropReason, samples: number): void;
}

import type { EncodedBatch } from '../channel/encoded-batch.js';

/** Batches handed out by {@link BatchBuffer.take}, oldest first. */
export interface Taken {
  readonly batches: readonly EncodedBatch[];
  readonly samples: number;
}

/**
 * The one contract of a handler's buffers, in memory and on disk (as Telegraf's buffer has
 * Add, Batch, Accept, Reject): batches go in at the end, come out oldest first, and stay held
 * until the delivery that took them is acknowledged, or go back to the front when it is not.
 * At most one take is out at a time. `test/buffer-contract.ts` runs every implementation.
 */
export interface BatchBuffer {
  /** Samples held and not out for delivery. */
  readonly samples: number;
  /** Nothing held, out or not. */
  readonly isEmpty: boolean;
  /** Appends a batch (the disk buffer throws the file system's error when the disk refuses). */
  add(batch: EncodedBatch): void;
  /** The oldest batches not out, up to `maxSamples` (at least one); undefined when there are none. */
  take(maxSamples: number): Taken | undefined;
  /** The taken batches were delivered (or dropped for good): forget them. */
  ack(): void;
  /** The taken batches were not delivered: they are the oldest again. */
  nack(): void;
}

export function sumSamples(batches: readonly EncodedBatch[]): number {
  let total = 0;
  for (const batch of batches) total += batch.count;
  return total;
}

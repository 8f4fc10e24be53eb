import type { EncodedBatch } from '../channel/encoded-batch.js';

/** Batches taken from one buffer (memory or the spool), handed down the chain as one delivery. */
export interface Delivery {
  readonly batches: readonly EncodedBatch[];
  readonly samples: number;
}

/**
 * What became of a delivery, answered back up the chain. `done`: delivered, or dropped for good
 * and counted; its buffer forgets it. `failed`: not delivered and to be tried again; its buffer
 * keeps it first in line, except the newest `handedOver` batches a later stage kept (on disk).
 */
export type Outcome = { readonly kind: 'done' } | { readonly kind: 'failed'; readonly retryAfterMs: number | undefined; readonly handedOver: number };

export const DONE: Outcome = { kind: 'done' };

/**
 * One link of a handler's delivery chain (OpenTelemetry's exporterhelper senders, in callbacks so
 * a delivery starts in the same tick as the push that made it due). Each stage takes the next in
 * its constructor and owns its state; answers travel back up through the callback given to
 * `push`, readiness through `onReady`.
 */
export interface DeliveryStage {
  /** True when a push now would start work at once: nothing out, no wait. */
  readonly ready: boolean;
  /** Set by the stage before this one: called when this stage becomes ready without an answer. */
  onReady: () => void;
  /** Takes a delivery while {@link ready}; `answer` is called once, when this stage and those after it are done with it. */
  push(delivery: Delivery, answer: (outcome: Outcome) => void): void;
  /** Shutdown's drain: waits are cut short (a backoff, a partial batch's timer). */
  drain(): void;
  /** Shutdown: timers stop; nothing more is sent. */
  stop(): void;
}

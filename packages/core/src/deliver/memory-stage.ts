import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { Batcher } from './batcher.js';
import type { MemoryBuffer } from './memory-buffer.js';
import type { QueueAccount } from './queue-account.js';
import { describeBounds, type QueuePolicy } from './queue-policy.js';
import type { SpoolStage } from './spool-stage.js';
import type { Delivery, DeliveryStage, Outcome } from './stage.js';
import { sumSamples } from './buffer.js';

/**
 * The head of a handler's chain: every batch the fan-out publishes lands in the bounded memory
 * buffer; the {@link Batcher} says when what waits makes a delivery. With a spool, memory hands
 * its batches to disk whenever the spool asks for them, and over its bounds; without one (or when
 * the disk refuses) it sheds from the collector holding most.
 */
export class MemoryStage {
  private sending = false;
  /** A delivery that failed and was not handed to disk: held apart, first in line. */
  private held: Delivery | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly memory: MemoryBuffer,
    private readonly batcher: Batcher,
    private readonly next: DeliveryStage,
    private readonly spool: SpoolStage | undefined,
    private readonly policy: QueuePolicy,
    private readonly account: QueueAccount,
  ) {
    next.onReady = () => this.pump();
  }

  /** Nothing held in memory, waiting or out. */
  get idle(): boolean {
    return this.memory.isEmpty;
  }

  /** Takes a batch in; the queue then pumps the chain from its end (the spool may have something older to send). */
  push(batch: EncodedBatch): void {
    if (batch.count === 0) return;
    this.account.stats.received += batch.count;
    this.memory.add(batch);
    // Memory only waits here while the spool is asking after the disk refused; it is older, so it goes first.
    if (!(this.spool?.spooling && this.spill()) && this.overBounds) this.overflow();
    this.account.updateGauges();
  }

  private get overBounds(): boolean {
    return this.memory.samples > this.policy.maxSamples || this.memory.bytes > this.policy.maxBytes;
  }

  private overflow(): void {
    if (this.spool?.writable && this.spill()) return;
    const { maxSamples, maxBytes, overflow } = this.policy;
    this.account.drop(
      this.memory.shed(maxSamples, maxBytes, overflow),
      `queue is full (${describeBounds(this.policy)}; shed from the collector holding most of it)`,
      'queue_full',
    );
  }

  /** What waits, oldest first, to the end of the spool; false if the disk refused on the way (the rest stays). */
  private spill(): boolean {
    for (let batch = this.memory.peekOldest(); batch; batch = this.memory.peekOldest()) {
      if (!this.spool?.keep(batch)) return false;
      this.memory.dropOldest();
    }
    return true;
  }

  /** Starts a delivery when none is out and the next stage is ready: a held one first, else what the batcher says is due. */
  pump(): void {
    if (this.spool?.spooling) this.spill();
    if (!this.sending && this.next.ready) {
      const delivery =
        this.held ??
        (this.batcher.due(this.memory.samples, this.memory.oldestArrivedAt, () => this.pump()) ? this.memory.take(this.policy.batchSize) : undefined);
      if (delivery) {
        this.sending = true;
        this.next.push(delivery, (outcome) => this.answered(delivery, outcome));
      }
    }
    this.account.updateGauges();
    if (this.idle && this.idleWaiters.length > 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private answered(delivery: Delivery, outcome: Outcome): void {
    this.sending = false;
    this.held = undefined;
    if (outcome.kind === 'done') this.memory.ack();
    else {
      this.memory.ackNewest(outcome.handedOver);
      const batches = delivery.batches.slice(0, delivery.batches.length - outcome.handedOver);
      this.held = { batches, samples: sumSamples(batches) };
    }
    this.pump();
  }

  /** Sends partial batches at once; resolves when nothing is left in memory (the spool is safe). */
  drain(): Promise<void> {
    this.batcher.flushing = true;
    this.batcher.cancel();
    if (this.idle) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Shutdown: the timer stops; returns everything held, out or waiting, oldest first. */
  stop(): EncodedBatch[] {
    this.batcher.cancel();
    this.held = undefined;
    const left = this.memory.takeAll();
    this.account.updateGauges();
    return left;
  }
}

import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { QueueAccount } from './queue-account.js';
import type { SpoolGuard } from './spool-guard.js';
import { DONE, type Delivery, type DeliveryStage, type Outcome } from './stage.js';

/**
 * The disk between memory and the backend, for a handler with `spool_dir`: store and forward.
 * While the spool is empty and the backend healthy, deliveries from memory pass through. A
 * delivery that fails is written to the front of the spool at once (so a kill -9 loses nothing)
 * and memory is told it is taken care of; from then on, and while anything older is on disk,
 * memory hands every batch here ({@link spooling}, {@link keep}), and deliveries are read from
 * disk, oldest first. A disk that refuses leaves the batches with memory.
 */
export class SpoolStage implements DeliveryStage {
  onReady = (): void => {};
  /** The last delivery failed (retryable): arrivals go to disk until one succeeds. */
  private failing = false;
  private out: 'memory' | 'spool' | undefined;
  /** Memory holds the oldest part of a failed delivery the disk refused: it goes before the disk. */
  private olderInMemory = false;

  constructor(
    private readonly spool: SpoolGuard,
    private readonly next: DeliveryStage,
    private readonly account: QueueAccount,
    private readonly batchSize: number,
  ) {
    next.onReady = () => this.pump();
  }

  /** Memory should hand its batches here now: the backend is failing or the disk holds older ones. */
  get spooling(): boolean {
    return this.failing || !this.spool.isEmpty;
  }

  /** True while writes may be tried (memory over its bounds moves its batches here then). */
  get writable(): boolean {
    return this.spool.writable;
  }

  /** Ready for a delivery from memory: nothing out, and nothing on disk to send first. */
  get ready(): boolean {
    return this.out === undefined && (this.olderInMemory || !this.spool.reader?.available) && this.next.ready;
  }

  /** A batch to the end of the spool; false when the disk refused it (it stays with the caller). The caller updates the gauges once it is done writing. */
  keep(batch: EncodedBatch, front = false): boolean {
    const outcome = this.spool.write(batch, front);
    if (outcome === 'written') this.account.stats.spooled += batch.count;
    return outcome !== 'failed';
  }

  push(delivery: Delivery, answer: (outcome: Outcome) => void): void {
    this.out = 'memory';
    this.olderInMemory = false;
    this.next.push(delivery, (outcome) => {
      this.out = undefined;
      if (outcome.kind === 'failed') {
        this.failing = true;
        const handedOver = this.keepInFront(delivery.batches);
        this.olderInMemory = handedOver < delivery.batches.length;
        answer(handedOver === delivery.batches.length ? DONE : { ...outcome, handedOver });
      } else {
        this.failing = false;
        answer(outcome);
      }
      this.pump();
    });
  }

  /** Sends the oldest batches on disk when the next stage is ready; with none, the stage before may send. */
  pump(): void {
    if (this.out !== undefined || !this.next.ready) return;
    const taken = this.olderInMemory ? undefined : this.spool.reader?.take(this.batchSize);
    this.account.updateGauges();
    if (!taken) {
      this.onReady();
      return;
    }
    this.out = 'spool';
    this.next.push(taken, (outcome) => this.answered(outcome));
  }

  private answered(outcome: Outcome): void {
    this.out = undefined;
    const reader = this.spool.reader;
    if (outcome.kind === 'done') reader?.ack();
    else reader?.nack();
    this.failing = outcome.kind === 'failed';
    this.account.updateGauges();
    this.pump();
  }

  /** A failed delivery from memory, older than anything spooled: newest first to the front. Returns how many of its newest batches the disk took. */
  private keepInFront(batches: readonly EncodedBatch[]): number {
    let kept = 0;
    while (kept < batches.length && this.keep(batches[batches.length - 1 - kept]!, true)) kept++;
    return kept;
  }

  /** Shutdown: what memory still held, onto the spool (in front when it holds older ones); returns the samples refused. */
  keepLeftovers(left: readonly EncodedBatch[]): number {
    if (this.out === 'spool') this.spool.reader?.nack();
    const front = !this.spool.isEmpty;
    let refused = 0;
    for (const batch of front ? [...left].reverse() : left) if (!this.keep(batch, front)) refused += batch.count;
    return refused;
  }

  get dir(): string {
    return this.spool.dir;
  }

  drain(): void {
    this.next.drain();
  }

  stop(): void {
    this.next.stop();
  }
}

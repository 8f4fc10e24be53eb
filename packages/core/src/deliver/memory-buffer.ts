import type { EncodedBatch } from '../channel/encoded-batch.js';
import { sumSamples, type BatchBuffer, type Taken } from './buffer.js';

interface Held {
  batch: EncodedBatch;
  bytes: number;
  arrivedAt: number;
}

export type Overflow = 'drop_oldest' | 'drop_newest';

/** What a held batch costs: its text block plus 17 bytes of numbers per sample. */
export function batchBytes(batch: EncodedBatch): number {
  return batch.text.length + 17 * batch.count;
}

/**
 * A handler's batches in memory, oldest first, with their sample and byte totals and the samples
 * each collector holds. When it must shed, it sheds fairly: always from the collector holding
 * most of it, so one collector publishing a million samples a run loses its own samples and
 * never another collector's. Totals count what is waiting, not what is out for delivery.
 */
export class MemoryBuffer implements BatchBuffer {
  private readonly waiting: Held[] = [];
  private out: Held[] = [];
  private readonly byCollector = new Map<string, number>();
  samples = 0;
  bytes = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get isEmpty(): boolean {
    return this.waiting.length === 0 && this.out.length === 0;
  }

  /** When the oldest waiting batch arrived (for the batcher); undefined when none waits. */
  get oldestArrivedAt(): number | undefined {
    return this.waiting[0]?.arrivedAt;
  }

  get outSamples(): number {
    return sumSamples(this.out.map((h) => h.batch));
  }

  add(batch: EncodedBatch): void {
    const held = { batch, bytes: batchBytes(batch), arrivedAt: this.now() };
    this.waiting.push(held);
    this.account(held, 1);
  }

  take(maxSamples: number): Taken | undefined {
    if (this.out.length > 0) throw new Error('a take is already out');
    let samples = 0;
    while (this.waiting[0] && (this.out.length === 0 || samples + this.waiting[0].batch.count <= maxSamples)) {
      const held = this.waiting.shift()!;
      this.account(held, -1);
      this.out.push(held);
      samples += held.batch.count;
    }
    return this.out.length > 0 ? { batches: this.out.map((h) => h.batch), samples } : undefined;
  }

  ack(): void {
    this.out = [];
  }

  /** The newest `count` batches of the take are dealt with elsewhere (written to a spool). */
  ackNewest(count: number): void {
    this.out.splice(Math.max(0, this.out.length - count));
  }

  nack(): void {
    for (const held of this.out) this.account(held, 1);
    this.waiting.unshift(...this.out);
    this.out = [];
  }

  /** The oldest waiting batch, to move elsewhere with {@link dropOldest} once it is safe there. */
  peekOldest(): EncodedBatch | undefined {
    return this.waiting[0]?.batch;
  }

  dropOldest(): void {
    const held = this.waiting.shift();
    if (held) this.account(held, -1);
  }

  /** Removes and returns everything, out or waiting, oldest first (shutdown). */
  takeAll(): EncodedBatch[] {
    const all = [...this.out, ...this.waiting.splice(0)].map((h) => h.batch);
    this.out = [];
    this.byCollector.clear();
    this.samples = 0;
    this.bytes = 0;
    return all;
  }

  /**
   * Drops waiting batches until at most `maxSamples` and `maxBytes` wait: each time from the
   * collector holding the most samples, its oldest batch (`drop_oldest`) or newest (`drop_newest`).
   * Returns the samples dropped.
   */
  shed(maxSamples: number, maxBytes: number, overflow: Overflow): number {
    let dropped = 0;
    while ((this.samples > maxSamples || this.bytes > maxBytes) && this.waiting.length > 0) {
      const collector = this.largestHolder();
      const index = overflow === 'drop_oldest' ? this.waiting.findIndex((h) => h.batch.collectorPath === collector) : this.lastIndexOf(collector);
      const [victim] = this.waiting.splice(Math.max(index, 0), 1);
      if (!victim) break;
      this.account(victim, -1);
      dropped += victim.batch.count;
    }
    return dropped;
  }

  private lastIndexOf(collector: string | undefined): number {
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i]?.batch.collectorPath === collector) return i;
    return -1;
  }

  private largestHolder(): string | undefined {
    let top: string | undefined;
    let most = -1;
    for (const [collector, samples] of this.byCollector) {
      if (samples > most) [top, most] = [collector, samples];
    }
    return top;
  }

  private account(held: Held, sign: 1 | -1): void {
    const { count, collectorPath: collector } = held.batch;
    this.samples += sign * count;
    this.bytes += sign * held.bytes;
    const total = (this.byCollector.get(collector) ?? 0) + sign * count;
    if (total > 0) this.byCollector.set(collector, total);
    else this.byCollector.delete(collector);
  }
}

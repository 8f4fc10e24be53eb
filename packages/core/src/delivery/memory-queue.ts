import type { EncodedBatch } from '../sample-codec.js';

export interface Queued {
  batch: EncodedBatch;
  bytes: number;
  arrivedAt: number;
}

export type Overflow = 'drop_oldest' | 'drop_newest';

/** What a queued batch costs: its text block plus 17 bytes of numbers per sample. */
export function batchBytes(batch: EncodedBatch): number {
  return batch.text.length + 17 * batch.count;
}

/**
 * A handler's batches in memory, oldest first, with their sample and byte totals and the
 * samples each collector holds. When it must shed, it sheds fairly: always from the collector
 * holding most of the queue, so one collector publishing a million samples a run loses its own
 * samples and never another collector's.
 */
export class MemoryQueue {
  private readonly entries: Queued[] = [];
  private readonly byCollector = new Map<string, number>();
  samples = 0;
  bytes = 0;

  get length(): number {
    return this.entries.length;
  }

  get oldest(): Queued | undefined {
    return this.entries[0];
  }

  push(batch: EncodedBatch, arrivedAt: number): void {
    const entry = { batch, bytes: batchBytes(batch), arrivedAt };
    this.entries.push(entry);
    this.account(entry, 1);
  }

  shift(): Queued | undefined {
    const entry = this.entries.shift();
    if (entry) this.account(entry, -1);
    return entry;
  }

  /** Removes and returns everything, oldest first. */
  takeAll(): Queued[] {
    const all = this.entries.splice(0);
    this.byCollector.clear();
    this.samples = 0;
    this.bytes = 0;
    return all;
  }

  /**
   * Drops batches until at most `maxSamples` and `maxBytes` are held: each time from the collector
   * holding the most samples, its oldest batch (`drop_oldest`) or newest (`drop_newest`). Returns
   * the samples dropped.
   */
  shed(maxSamples: number, maxBytes: number, overflow: Overflow): number {
    let dropped = 0;
    while ((this.samples > maxSamples || this.bytes > maxBytes) && this.entries.length > 0) {
      const collector = this.largestHolder();
      const index = overflow === 'drop_oldest' ? this.entries.findIndex((e) => e.batch.collector === collector) : this.findLastIndex(collector);
      const [victim] = this.entries.splice(index < 0 ? 0 : index, 1);
      if (!victim) break;
      this.account(victim, -1);
      dropped += victim.batch.count;
    }
    return dropped;
  }

  private findLastIndex(collector: string | undefined): number {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]?.batch.collector === collector) return i;
    return -1;
  }

  private largestHolder(): string | undefined {
    let top: string | undefined;
    let most = -1;
    for (const [collector, samples] of this.byCollector) {
      if (samples > most) {
        most = samples;
        top = collector;
      }
    }
    return top;
  }

  private account(entry: Queued, sign: 1 | -1): void {
    const { count, collector } = entry.batch;
    this.samples += sign * count;
    this.bytes += sign * entry.bytes;
    const held = (this.byCollector.get(collector) ?? 0) + sign * count;
    if (held > 0) this.byCollector.set(collector, held);
    else this.byCollector.delete(collector);
  }
}

import type { EncodedBatch } from '../channel/encoded-batch.js';
import { sumSamples, type Taken } from './buffer.js';
import type { MemoryBuffer } from './memory-buffer.js';
import type { SpoolGuard } from './spool-guard.js';
import type { DeliveryStats } from './target.js';

/**
 * Moves batches from memory onto the spool, keeping their order, and says what the disk
 * refused (that stays in memory). A spool write counts as `spooled`; a batch refused for room
 * under `spool_max_mb` is dealt with (the spool counted it as dropped).
 */
export class Spill {
  constructor(
    private readonly spool: SpoolGuard,
    private readonly memory: MemoryBuffer,
    private readonly stats: DeliveryStats,
  ) {}

  /** True when the spool dealt with the batch; false when the disk refused it. */
  write(batch: EncodedBatch, front = false): boolean {
    const outcome = this.spool.write(batch, front);
    if (outcome === 'written') this.stats.spooled += batch.count;
    return outcome !== 'failed';
  }

  /** Waiting memory to the end of the spool, oldest first; false if the disk refused on the way. */
  waiting(): boolean {
    for (let batch = this.memory.peekOldest(); batch; batch = this.memory.peekOldest()) {
      if (!this.write(batch)) return false;
      this.memory.dropOldest();
    }
    return true;
  }

  /**
   * A delivery taken from memory that failed: older than anything spooled, so written in front,
   * newest first. Returns how many of its oldest batches the disk refused (they stay out).
   */
  failedDelivery(batches: readonly EncodedBatch[]): number {
    let kept = batches.length;
    while (kept > 0 && this.write(batches[kept - 1]!, true)) kept--;
    this.memory.ackNewest(batches.length - kept);
    return kept;
  }

  /**
   * A failed delivery taken from memory onto the front of the spool ({@link failedDelivery}),
   * then what waits in memory behind it; returns the part the disk refused, still out and first
   * in line, or undefined when all of it is safe on disk.
   */
  failedOut(taken: Taken): Taken | undefined {
    const kept = taken.batches.slice(0, this.failedDelivery(taken.batches));
    this.waiting();
    return kept.length === 0 ? undefined : { batches: kept, samples: sumSamples(kept) };
  }

  /** Shutdown: batches left in memory onto the spool (in front when it holds older ones); returns the samples refused. */
  leftovers(left: readonly EncodedBatch[]): number {
    const front = !this.spool.isEmpty;
    let refused = 0;
    for (const batch of front ? [...left].reverse() : left) if (!this.write(batch, front)) refused += batch.count;
    return refused;
  }
}

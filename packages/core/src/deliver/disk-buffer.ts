import { readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { BatchBuffer, Taken } from './buffer.js';
import { makeDir, removeQuietly, writeWhole } from './spool-files.js';
import { decodeSpoolFile, encodeSpoolFile } from './spool-format.js';

// The spool uses synchronous file calls on purpose: it is only written while a backend is
// failing or a queue is full, each call moves one collector run (a few KB), and doing it inline
// keeps the order of batches on disk exactly the order they arrived in.

const FILE_NAME = /^(\d{16})-(\d+)\.batch$/;
/** Appends count up from here and prepends down, so both fit the fixed-width names. */
const FIRST_SEQUENCE = 5_000_000_000_000_000;

interface SpoolEntry {
  sequence: number;
  count: number;
  bytes: number;
  name: string;
}

export type SpoolFull = 'drop_oldest' | 'drop_newest';

export interface SpoolEvents {
  /** A spool file could not be read back; it was renamed to `<name>.corrupt` and skipped. */
  corrupt(file: string, reason: string): void;
  /** Samples removed from the spool to make room (drop_oldest) or refused (drop_newest). */
  dropped(samples: number, why: string): void;
}

/**
 * A handler's batches on disk, one file per batch, oldest first, bounded by `maxBytes`. Files are
 * written to a temporary name and renamed, so a killed agent leaves whole files or none. The
 * first entries can be taken for delivery; they stay on disk until {@link ack}.
 */
export class DiskBuffer implements BatchBuffer {
  private entries: SpoolEntry[] = [];
  private totalBytes = 0;
  private totalSamples = 0;
  private checkedOut = 0;
  private outSamples = 0;

  constructor(
    readonly dir: string,
    private readonly maxBytes: number,
    private readonly full: SpoolFull,
    private readonly events: SpoolEvents,
  ) {
    makeDir(dir);
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.tmp')) {
        // A write cut short (kill -9, a full disk): never a whole batch, so never replayed.
        removeQuietly(join(dir, name));
        continue;
      }
      const match = FILE_NAME.exec(name);
      if (!match) continue;
      let bytes: number;
      try {
        bytes = statSync(join(dir, name)).size;
      } catch {
        continue;
      }
      this.entries.push({ sequence: Number(match[1]), count: Number(match[2]), bytes, name });
      this.totalBytes += bytes;
      this.totalSamples += Number(match[2]);
    }
    this.entries.sort((a, b) => a.sequence - b.sequence);
  }

  /** Samples on disk and not out for delivery. */
  get samples(): number {
    return this.totalSamples - this.outSamples;
  }

  /** Every sample on disk, out or not (the `spool_samples` gauge). */
  get samplesOnDisk(): number {
    return this.totalSamples;
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** Entries out for delivery; a batch can be written in front only while this is 0. */
  get checkedOutCount(): number {
    return this.checkedOut;
  }

  /** Entries that can be checked out (not already out for delivery). */
  get available(): boolean {
    return this.entries.length > this.checkedOut;
  }

  /**
   * Writes a batch at the end (or, with `front`, at the start: a batch older than everything
   * spooled, allowed only while nothing is checked out). Returns false when it was refused for
   * want of room under `spool_max_mb`; throws the file system's error (ENOSPC, EROFS, EACCES)
   * when the disk refused it, leaving no temporary file behind.
   */
  write(batch: EncodedBatch, front = false): boolean {
    const data = encodeSpoolFile(batch);
    if (data.length > this.maxBytes) {
      this.events.dropped(batch.count, `one batch (${data.length} bytes) is larger than spool_max_mb`);
      return false;
    }
    while (this.totalBytes + data.length > this.maxBytes) {
      if (this.full === 'drop_newest' || this.entries.length === this.checkedOut) {
        this.events.dropped(batch.count, 'spool is full (drop_newest)');
        return false;
      }
      const [evicted] = this.entries.splice(this.checkedOut, 1);
      if (!evicted) break;
      this.forget(evicted);
      this.events.dropped(evicted.count, 'spool is full (drop_oldest)');
    }
    const sequence = this.nextSequence(front);
    const name = `${String(sequence).padStart(16, '0')}-${batch.count}.batch`;
    writeWhole(join(this.dir, name), data);
    const entry = { sequence, count: batch.count, bytes: data.length, name };
    if (front) this.entries.splice(this.checkedOut, 0, entry);
    else this.entries.push(entry);
    this.totalBytes += data.length;
    this.totalSamples += batch.count;
    return true;
  }

  private nextSequence(front: boolean): number {
    if (front) {
      if (this.checkedOut > 0) throw new Error('cannot write before entries that are out for delivery');
      const head = this.entries[0];
      return head ? head.sequence - 1 : FIRST_SEQUENCE;
    }
    const tail = this.entries[this.entries.length - 1];
    return tail ? tail.sequence + 1 : FIRST_SEQUENCE;
  }

  private forget(entry: SpoolEntry): void {
    this.totalBytes -= entry.bytes;
    this.totalSamples -= entry.count;
    removeQuietly(join(this.dir, entry.name));
  }

  add(batch: EncodedBatch): void {
    this.write(batch);
  }

  /**
   * Reads the oldest entries not yet out, up to `maxSamples` (at least one), and marks them out.
   * A file that cannot be read back is renamed `.corrupt`, reported and skipped.
   */
  take(maxSamples: number): Taken | undefined {
    const batches: EncodedBatch[] = [];
    let samples = 0;
    while (this.checkedOut < this.entries.length) {
      const entry = this.entries[this.checkedOut];
      if (!entry) break;
      if (batches.length > 0 && samples + entry.count > maxSamples) break;
      const path = join(this.dir, entry.name);
      try {
        const batch = decodeSpoolFile(readFileSync(path));
        batches.push(batch);
        samples += batch.count;
        this.checkedOut++;
      } catch (error) {
        this.entries.splice(this.checkedOut, 1);
        this.totalBytes -= entry.bytes;
        this.totalSamples -= entry.count;
        try {
          renameSync(path, `${path}.corrupt`);
        } catch {
          // unreadable and unrenamable: it is skipped all the same
        }
        this.events.corrupt(path, error instanceof Error ? error.message : String(error));
      }
    }
    this.outSamples = samples;
    return batches.length > 0 ? { batches, samples } : undefined;
  }

  /** The entries out were delivered (or dropped for good): delete them. */
  ack(): void {
    for (const entry of this.entries.splice(0, this.checkedOut)) this.forget(entry);
    this.checkedOut = 0;
    this.outSamples = 0;
  }

  /** The entries out go back to being the oldest on the spool. */
  nack(): void {
    this.checkedOut = 0;
    this.outSamples = 0;
  }
}

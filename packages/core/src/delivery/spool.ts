import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { EncodedBatch } from '../sample-codec.js';

// The spool uses synchronous file calls on purpose: it is only written while a backend is
// failing or a queue is full, each call moves one collector run (a few KB), and doing it inline
// keeps the order of batches on disk exactly the order they arrived in.

const MAGIC = Buffer.from('SPINEL1\n', 'latin1');
const FILE_NAME = /^(\d{16})-(\d+)\.batch$/;
/** Appends count up from here and prepends down, so both fit the fixed-width names. */
const FIRST_SEQUENCE = 5_000_000_000_000_000;
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

interface SpoolEntry {
  sequence: number;
  count: number;
  bytes: number;
  name: string;
}

interface BatchHeader {
  collector: string;
  host: string | null;
  pathPrefix: string;
  count: number;
  textBytes: number;
}

export type SpoolFull = 'drop_oldest' | 'drop_newest';

export interface SpoolEvents {
  /** A spool file could not be read back; it was renamed to `<name>.corrupt` and skipped. */
  corrupt(file: string, reason: string): void;
  /** Samples removed from the spool to make room (drop_oldest) or refused (drop_newest). */
  dropped(samples: number, why: string): void;
}

/** Serialises a batch: magic, header length, JSON header, the three arrays, text, CRC-32. */
export function encodeSpoolFile(batch: EncodedBatch): Buffer {
  const text = Buffer.from(batch.text, 'utf8');
  const header: BatchHeader = { collector: batch.collector, host: batch.host ?? null, pathPrefix: batch.pathPrefix, count: batch.count, textBytes: text.length };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(headerBytes.length);
  const body = Buffer.concat([
    MAGIC,
    headerLength,
    headerBytes,
    Buffer.from(batch.values.buffer, batch.values.byteOffset, batch.values.byteLength),
    Buffer.from(batch.timestamps.buffer, batch.timestamps.byteOffset, batch.timestamps.byteLength),
    Buffer.from(batch.meta.buffer, batch.meta.byteOffset, batch.meta.byteLength),
    text,
  ]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(body));
  return Buffer.concat([body, checksum]);
}

/** Parses a spool file; throws an Error saying what is wrong with it. */
export function decodeSpoolFile(data: Buffer): EncodedBatch {
  if (data.length < MAGIC.length + 8 || !data.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a spool file (bad magic)');
  const body = data.subarray(0, data.length - 4);
  if (crc32(body) !== data.readUInt32LE(data.length - 4)) throw new Error('checksum mismatch (truncated or damaged)');
  let at = MAGIC.length;
  const headerLength = data.readUInt32LE(at);
  at += 4;
  const header = JSON.parse(data.subarray(at, at + headerLength).toString('utf8')) as BatchHeader;
  at += headerLength;
  const { count } = header;
  if (!Number.isInteger(count) || count < 0 || at + count * 17 + header.textBytes !== body.length) throw new Error('sizes in the header do not match the file');
  const copy = (bytes: number): ArrayBuffer => {
    const out = new Uint8Array(bytes);
    out.set(data.subarray(at, at + bytes));
    at += bytes;
    return out.buffer;
  };
  const values = new Float64Array(copy(count * 8));
  const timestamps = new Float64Array(copy(count * 8));
  const meta = new Uint8Array(copy(count));
  const text = data.subarray(at, at + header.textBytes).toString('utf8');
  return { collector: header.collector, host: header.host ?? undefined, pathPrefix: header.pathPrefix, count, text, values, timestamps, meta };
}

/**
 * A handler's batches on disk, one file per batch, oldest first, bounded by `maxBytes`. Files are
 * written to a temporary name and renamed, so a killed agent leaves whole files or none. The
 * first entries can be checked out for delivery; they stay on disk until {@link commit}.
 */
export class Spool {
  private entries: SpoolEntry[] = [];
  private totalBytes = 0;
  private totalSamples = 0;
  private checkedOut = 0;

  constructor(
    readonly dir: string,
    private readonly maxBytes: number,
    private readonly full: SpoolFull,
    private readonly events: SpoolEvents,
  ) {
    // 0700 and 0600 whatever the umask: spooled samples can name hosts, services and tenants.
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

  get samples(): number {
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
    const temporary = join(this.dir, `${name}.tmp`);
    try {
      const fd = openSync(temporary, 'w', FILE_MODE);
      try {
        writeSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, join(this.dir, name));
    } catch (error) {
      removeQuietly(temporary);
      throw error;
    }
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

  /**
   * Reads the oldest entries not yet out, up to `maxSamples` (at least one), and marks them out.
   * A file that cannot be read back is renamed `.corrupt`, reported and skipped.
   */
  checkout(maxSamples: number): EncodedBatch[] {
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
    return batches;
  }

  /** The checked-out entries were delivered (or dropped for good): delete them. */
  commit(): void {
    for (const entry of this.entries.splice(0, this.checkedOut)) this.forget(entry);
    this.checkedOut = 0;
  }
}

/**
 * `mkdir -p` with mode 0700. A recursive mkdir under a read-only or unwritable parent reports
 * ENOENT; one plain mkdir then surfaces the real cause (EROFS, EACCES) for the message.
 */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(dirname(dir))) throw error;
    mkdirSync(dir, { mode: DIR_MODE });
    throw error;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone, or the disk refuses even that: nothing more to do here
  }
}

import { crc32 } from 'node:zlib';
import type { EncodedBatch } from '../channel/encoded-batch.js';

// One spool file: magic, header length, JSON header, the three arrays, text, CRC-32.

const MAGIC = Buffer.from('SPINEL1\n', 'latin1');
interface BatchHeader {
  /** The batch's collector path; named `collector` on disk since the first spool format. */
  collector: string;
  host: string | null;
  pathPrefix: string;
  count: number;
  textBytes: number;
}

/** Serialises a batch: magic, header length, JSON header, the three arrays, text, CRC-32. */
export function encodeSpoolFile(batch: EncodedBatch): Buffer {
  const text = Buffer.from(batch.text, 'utf8');
  const header: BatchHeader = {
    collector: batch.collectorPath,
    host: batch.host ?? null,
    pathPrefix: batch.pathPrefix,
    count: batch.count,
    textBytes: text.length,
  };
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
  return { collectorPath: header.collector, host: header.host ?? undefined, pathPrefix: header.pathPrefix, count, text, values, timestamps, meta };
}

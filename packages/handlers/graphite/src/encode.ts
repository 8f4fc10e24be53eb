import { plaintextLine, type Sample } from '@spinel/sdk';

export { plaintextLine, plaintextLines } from '@spinel/sdk';

/** Lines packed into datagrams of at most `maxBytes` (a line is never split). */
export function udpPayloads(batch: readonly Sample[], maxBytes: number): Buffer[] {
  const payloads: Buffer[] = [];
  let current = '';
  for (const sample of batch) {
    const line = plaintextLine(sample);
    if (current && Buffer.byteLength(current) + Buffer.byteLength(line) > maxBytes) {
      payloads.push(Buffer.from(current));
      current = '';
    }
    current += line;
  }
  if (current) payloads.push(Buffer.from(current));
  return payloads;
}

/**
 * Carbon's pickle protocol: a 4-byte big-endian length, then a Python pickle (protocol 2) of
 * `[(path, (timestamp, value)), ...]`, written with the few opcodes carbon's safe unpickler accepts.
 */
export function picklePayload(batch: readonly Sample[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x80, 0x02, 0x5d, 0x28])]; // PROTO 2, EMPTY_LIST, MARK
  for (const sample of batch) {
    const path = Buffer.from(sample.path, 'utf8');
    const head = Buffer.alloc(5);
    head[0] = 0x58; // BINUNICODE
    head.writeUInt32LE(path.length, 1);
    const numbers = Buffer.alloc(1 + 4 + 1 + 8 + 2);
    numbers[0] = 0x4a; // BININT (timestamp)
    numbers.writeInt32LE(Math.trunc(sample.timestamp), 1);
    numbers[5] = 0x47; // BINFLOAT (value, big-endian double)
    numbers.writeDoubleBE(sample.value, 6);
    numbers[14] = 0x86; // TUPLE2 (timestamp, value)
    numbers[15] = 0x86; // TUPLE2 (path, (timestamp, value))
    parts.push(head, path, numbers);
  }
  parts.push(Buffer.from([0x65, 0x2e])); // APPENDS, STOP
  const body = Buffer.concat(parts);
  const frame = Buffer.alloc(4);
  frame.writeUInt32BE(body.length, 0);
  return Buffer.concat([frame, body]);
}

// SNMP v1/v2c as an agent answers Get, GetNext and GetBulk (RFC 3416) from a recorded walk: the
// BER it needs, read and written here, so a replay server can stand in for a device.

/** One recorded value: its OID (dotted), its SMI type and the value as `snmpwalk` would show it. */
export type SnmpEntry = readonly [oid: string, type: SnmpType, value: string | number];
/** `HexString` is an OctetString of bytes that are not text (a MAC address), written in hex. */
export type SnmpType = 'Integer' | 'OctetString' | 'HexString' | 'OID' | 'IpAddress' | 'Counter' | 'Gauge' | 'TimeTicks' | 'Counter64';

const TAG = {
  Integer: 0x02,
  OctetString: 0x04,
  Null: 0x05,
  OID: 0x06,
  Sequence: 0x30,
  IpAddress: 0x40,
  Counter: 0x41,
  Gauge: 0x42,
  TimeTicks: 0x43,
  Counter64: 0x46,
} as const;
const GET = 0xa0;
const GET_NEXT = 0xa1;
const RESPONSE = 0xa2;
const GET_BULK = 0xa5;
const NO_SUCH_OBJECT = 0x80;
const END_OF_MIB_VIEW = 0x82;

interface Tlv {
  tag: number;
  body: Buffer;
  end: number;
}

function readTlv(buffer: Buffer, at: number): Tlv {
  const tag = buffer[at];
  let lengthByte = buffer[at + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error('SNMP: message ends inside a value');
  let start = at + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = buffer[start + i];
      if (lengthByte === undefined) throw new Error('SNMP: message ends inside a length');
      length = length * 256 + lengthByte;
    }
    start += count;
  }
  if (start + length > buffer.length) throw new Error('SNMP: a value runs past the message');
  return { tag, body: buffer.subarray(start, start + length), end: start + length };
}

function children(body: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < body.length; ) {
    const tlv = readTlv(body, at);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

function readInteger(body: Buffer): number {
  let value = (body[0] ?? 0) & 0x80 ? -1 : 0;
  for (const byte of body) value = value * 256 + byte;
  return value;
}

function readOid(body: Buffer): string {
  const first = body[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let current = 0;
  for (const byte of body.subarray(1)) {
    current = current * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(current);
      current = 0;
    }
  }
  return parts.join('.');
}

function tlv(tag: number, body: Buffer): Buffer {
  const length = body.length;
  const head =
    length < 0x80 ? Buffer.from([tag, length]) : length < 0x100 ? Buffer.from([tag, 0x81, length]) : Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([head, body]);
}

/** Two's complement, fewest bytes (signed), or unsigned with a leading zero where the top bit is set. */
function integerBytes(value: bigint, signed: boolean): Buffer {
  const bytes: number[] = [];
  let left = value;
  if (!signed || left >= 0n) {
    do {
      bytes.unshift(Number(left & 0xffn));
      left >>= 8n;
    } while (left > 0n);
    if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  } else {
    do {
      bytes.unshift(Number(left & 0xffn));
      left >>= 8n;
    } while (left < -1n || ((bytes[0] ?? 0) & 0x80) === 0);
  }
  return Buffer.from(bytes);
}

function oidBytes(oid: string): Buffer {
  const parts = oid.replace(/^\./, '').split('.').map(Number);
  const bytes = [(parts[0] ?? 0) * 40 + (parts[1] ?? 0)];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    for (let left = Math.floor(part / 128); left > 0; left = Math.floor(left / 128)) chunk.unshift((left & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return Buffer.from(bytes);
}

function valueBytes([, type, value]: SnmpEntry): Buffer {
  switch (type) {
    case 'Integer':
      return tlv(TAG.Integer, integerBytes(BigInt(value), true));
    case 'OctetString':
      return tlv(TAG.OctetString, Buffer.from(String(value), 'utf8'));
    case 'HexString':
      return tlv(TAG.OctetString, Buffer.from(String(value), 'hex'));
    case 'OID':
      return tlv(TAG.OID, oidBytes(String(value)));
    case 'IpAddress':
      return tlv(TAG.IpAddress, Buffer.from(String(value).split('.').map(Number)));
    default:
      return tlv(TAG[type], integerBytes(BigInt(value), false));
  }
}

const compareOids = (a: string, b: string): number => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
};

/** The recorded walk, sorted, answering exact and next-after lookups. */
export class SnmpTable {
  private readonly entries: SnmpEntry[];
  constructor(entries: readonly SnmpEntry[]) {
    this.entries = entries.map(([oid, type, value]): SnmpEntry => [oid.replace(/^\./, ''), type, value]).sort((a, b) => compareOids(a[0], b[0]));
  }
  get(oid: string): SnmpEntry | undefined {
    return this.entries.find((entry) => entry[0] === oid);
  }
  next(oid: string): SnmpEntry | undefined {
    return this.entries.find((entry) => compareOids(entry[0], oid) > 0);
  }
}

const varbind = (oid: string, value: Buffer): Buffer => tlv(TAG.Sequence, Buffer.concat([tlv(TAG.OID, oidBytes(oid)), value]));
const exception = (tag: number): Buffer => Buffer.from([tag, 0]);

/** The answer to one request datagram, or undefined for a message that is not a Get, GetNext or GetBulk. */
export function snmpAnswer(message: Buffer, table: SnmpTable): Buffer | undefined {
  const [version, community, pdu] = children(readTlv(message, 0).body);
  if (!version || !community || !pdu || ![GET, GET_NEXT, GET_BULK].includes(pdu.tag)) return undefined;
  const [id, first, second, list] = children(pdu.body);
  if (!id || !first || !second || !list) return undefined;
  const oids = children(list.body).map((bind) => readOid(children(bind.body)[0]?.body ?? Buffer.alloc(0)));
  const out: Buffer[] = [];
  const nextOf = (oid: string): [string, Buffer] => {
    const found = table.next(oid);
    return found ? [found[0], valueBytes(found)] : [oid, exception(END_OF_MIB_VIEW)];
  };
  if (pdu.tag === GET) {
    for (const oid of oids) {
      const found = table.get(oid);
      out.push(varbind(oid, found ? valueBytes(found) : exception(NO_SUCH_OBJECT)));
    }
  } else if (pdu.tag === GET_NEXT) {
    for (const oid of oids) out.push(varbind(...nextOf(oid)));
  } else {
    const nonRepeaters = Math.max(0, readInteger(first.body));
    const repetitions = Math.max(0, readInteger(second.body));
    for (const oid of oids.slice(0, nonRepeaters)) out.push(varbind(...nextOf(oid)));
    let cursors = oids.slice(nonRepeaters);
    for (let round = 0; round < repetitions && cursors.length > 0; round++) {
      cursors = cursors.map((oid) => {
        const [at, value] = nextOf(oid);
        out.push(varbind(at, value));
        return at;
      });
      if (cursors.every((oid) => !table.next(oid))) break;
    }
  }
  const response = tlv(
    RESPONSE,
    Buffer.concat([tlv(TAG.Integer, id.body), tlv(TAG.Integer, Buffer.from([0])), tlv(TAG.Integer, Buffer.from([0])), tlv(TAG.Sequence, Buffer.concat(out))]),
  );
  return tlv(TAG.Sequence, Buffer.concat([tlv(TAG.Integer, version.body), tlv(TAG.OctetString, community.body), response]));
}

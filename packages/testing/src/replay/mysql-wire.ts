// The few packets of the MySQL client/server protocol a replay server needs: a handshake that
// accepts any login, OK and error packets, and a text result set (every column a string), with
// classic EOF packets (CLIENT_DEPRECATE_EOF is not offered). Reference: the MySQL internals
// manual, "Client/Server Protocol".

export type ReplayRow = Readonly<Record<string, string | number | null>>;

const CAPABILITIES =
  0x00000001 | // LONG_PASSWORD
  0x00000004 | // LONG_FLAG
  0x00000008 | // CONNECT_WITH_DB
  0x00000200 | // PROTOCOL_41
  0x00002000 | // TRANSACTIONS
  0x00008000 | // SECURE_CONNECTION
  0x00020000 | // MULTI_RESULTS
  0x00080000 | // PLUGIN_AUTH
  0x00100000 | // CONNECT_ATTRS
  0x00200000; // PLUGIN_AUTH_LENENC_CLIENT_DATA
const UTF8_GENERAL_CI = 0x21;
const STATUS_AUTOCOMMIT = 0x0002;
const TYPE_VAR_STRING = 0xfd;

export const COM_QUIT = 0x01;
export const COM_QUERY = 0x03;
export const COM_PING = 0x0e;

function lengthEncodedInt(n: number): Buffer {
  if (n < 251) return Buffer.from([n]);
  if (n < 0x10000) return Buffer.from([0xfc, n & 0xff, n >> 8]);
  const b = Buffer.alloc(4);
  b[0] = 0xfd;
  b.writeUIntLE(n, 1, 3);
  return b;
}

function lengthEncodedString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([lengthEncodedInt(bytes.length), bytes]);
}

/** One packet: 3-byte little-endian length, sequence id, payload. */
export function packet(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header[3] = sequence & 0xff;
  return Buffer.concat([header, payload]);
}

export function handshake(connectionId: number): Buffer {
  const u16 = (n: number): Buffer => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
  const id = Buffer.alloc(4);
  id.writeUInt32LE(connectionId);
  return packet(
    0,
    Buffer.concat([
      Buffer.from([10]),
      Buffer.from('5.5.8-spinel-replay\0'),
      id,
      Buffer.from('12345678\0'),
      u16(CAPABILITIES & 0xffff),
      Buffer.from([UTF8_GENERAL_CI]),
      u16(STATUS_AUTOCOMMIT),
      u16(CAPABILITIES >>> 16),
      Buffer.from([21]),
      Buffer.alloc(10),
      Buffer.from('123456789012\0'),
      Buffer.from('mysql_native_password\0'),
    ]),
  );
}

export function ok(sequence: number): Buffer {
  return packet(sequence, Buffer.from([0x00, 0, 0, STATUS_AUTOCOMMIT, 0, 0, 0]));
}

export function error(sequence: number, code: number, message: string): Buffer {
  const head = Buffer.from([0xff, code & 0xff, code >> 8]);
  return packet(sequence, Buffer.concat([head, Buffer.from(`#42000${message}`)]));
}

function eof(sequence: number): Buffer {
  return packet(sequence, Buffer.from([0xfe, 0, 0, STATUS_AUTOCOMMIT, 0]));
}

function columnDefinition(sequence: number, name: string): Buffer {
  const fixed = Buffer.alloc(13);
  fixed[0] = 0x0c;
  fixed.writeUInt16LE(UTF8_GENERAL_CI, 1);
  fixed.writeUInt32LE(1024, 3);
  fixed[7] = TYPE_VAR_STRING;
  return packet(sequence, Buffer.concat([...['def', '', '', '', name, name].map(lengthEncodedString), fixed]));
}

/** A text result set of `rows`; the columns are the first row's keys (or `Value` when empty). */
export function resultSet(rows: readonly ReplayRow[]): Buffer {
  const columns = rows[0] ? Object.keys(rows[0]) : ['Value'];
  const out: Buffer[] = [];
  let sequence = 1;
  out.push(packet(sequence++, lengthEncodedInt(columns.length)));
  for (const column of columns) out.push(columnDefinition(sequence++, column));
  out.push(eof(sequence++));
  for (const row of rows) {
    const cells = columns.map((column) => {
      const value = row[column];
      return value === null || value === undefined ? Buffer.from([0xfb]) : lengthEncodedString(String(value));
    });
    out.push(packet(sequence++, Buffer.concat(cells)));
  }
  out.push(eof(sequence));
  return Buffer.concat(out);
}

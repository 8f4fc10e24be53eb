// PostgreSQL's frontend/backend protocol (version 3) as a server speaks it to a client that logs
// in and sends simple queries: enough for a replay server to answer recorded rows.
import type net from 'node:net';
import type { ReplayRow } from './mysql-wire.js';

const SSL_REQUEST = 80877103;
const TYPE_BOOL = 16;
const TYPE_INT8 = 20;
const TYPE_TEXT = 25;
const TYPE_FLOAT8 = 701;

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cString = (text: string): Buffer => Buffer.from(`${text}\0`, 'utf8');
const int32 = (value: number): Buffer => {
  const out = Buffer.alloc(4);
  out.writeInt32BE(value);
  return out;
};
const int16 = (value: number): Buffer => {
  const out = Buffer.alloc(2);
  out.writeInt16BE(value);
  return out;
};

const readyForQuery = (): Buffer => message('Z', Buffer.from('I'));

/** AuthenticationOk, the parameters a client reads, a key and ReadyForQuery. */
function loggedIn(connectionId: number): Buffer {
  return Buffer.concat([
    message('R', int32(0)),
    message('S', Buffer.concat([cString('server_version'), cString('15.0 (replay)')])),
    message('S', Buffer.concat([cString('client_encoding'), cString('UTF8')])),
    message('S', Buffer.concat([cString('integer_datetimes'), cString('on')])),
    message('K', Buffer.concat([int32(connectionId), int32(0)])),
    readyForQuery(),
  ]);
}

function errorResponse(text: string): Buffer {
  return message('E', Buffer.concat([cString('SERROR'), cString('C42601'), cString(`M${text}`), Buffer.from([0])]));
}

/** A column's type from its recorded values: boolean, whole number (int8), number (float8) or text. */
function columnType(values: ReadonlyArray<ReplayRow[string] | boolean | undefined>): number {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return TYPE_BOOL;
  if (present.length > 0 && present.every((v) => typeof v === 'number')) return present.every((v) => Number.isInteger(v)) ? TYPE_INT8 : TYPE_FLOAT8;
  return TYPE_TEXT;
}

function cellText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

/** RowDescription, a DataRow each, CommandComplete and ReadyForQuery for recorded rows. */
export function postgresResult(rows: ReadonlyArray<Readonly<Record<string, unknown>>>): Buffer {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const types = columns.map((column) => columnType(rows.map((row) => row[column] as ReplayRow[string] | boolean | undefined)));
  const description = message(
    'T',
    Buffer.concat([
      int16(columns.length),
      ...columns.map((column, i) => Buffer.concat([cString(column), int32(0), int16(0), int32(types[i] ?? TYPE_TEXT), int16(-1), int32(-1), int16(0)])),
    ]),
  );
  const data = rows.map((row) =>
    message(
      'D',
      Buffer.concat([
        int16(columns.length),
        ...columns.map((column) => {
          const value = row[column];
          if (value === null || value === undefined) return int32(-1);
          const bytes = Buffer.from(cellText(value), 'utf8');
          return Buffer.concat([int32(bytes.length), bytes]);
        }),
      ]),
    ),
  );
  return Buffer.concat([description, ...data, message('C', cString(`SELECT ${rows.length}`)), readyForQuery()]);
}

/**
 * Serves one client: any login is accepted (SSL is declined), each simple query is answered from
 * the recorded rows `lookup` finds for its text, or with a syntax error naming it; the extended
 * protocol is refused at Sync.
 */
export function servePostgres(socket: net.Socket, lookup: (sql: string) => unknown, connectionId: number): void {
  let pending = Buffer.alloc(0);
  let started = false;
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (!started) {
        if (pending.length < 8) return;
        const length = pending.readInt32BE(0);
        if (pending.length < length) return;
        const code = pending.readInt32BE(4);
        pending = pending.subarray(length);
        if (code === SSL_REQUEST) socket.write('N');
        else {
          started = true;
          socket.write(loggedIn(connectionId));
        }
        continue;
      }
      if (pending.length < 5) return;
      const type = String.fromCharCode(pending[0] ?? 0);
      const length = pending.readInt32BE(1);
      if (pending.length < 1 + length) return;
      const body = pending.subarray(5, 1 + length);
      pending = pending.subarray(1 + length);
      if (type === 'X') {
        socket.end();
        return;
      }
      if (type === 'Q') {
        const sql = body.toString('utf8').replace(/\0$/, '');
        const rows = lookup(sql);
        const isRows = Array.isArray(rows) && rows.every((row) => typeof row === 'object' && row !== null);
        socket.write(
          isRows
            ? postgresResult(rows as Array<Record<string, unknown>>)
            : Buffer.concat([errorResponse(`no recorded answer for ${JSON.stringify(sql)}`), readyForQuery()]),
        );
      } else if (type === 'S') socket.write(Buffer.concat([errorResponse('the replay answers simple queries only'), readyForQuery()]));
    }
  });
}

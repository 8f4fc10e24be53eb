// MongoDB's wire protocol, as much of it as a client asking for statistics needs: OP_MSG (and the
// legacy OP_QUERY some drivers open with) carrying one BSON command, answered with one BSON
// document. The handshake (hello, isMaster), ping and endSessions are answered here; every other
// command from the recording, keyed `<command> <database>` (`dbStats db1`), or `<command>
// <database>.<name>` when the command names a collection (`collStats db1.orders`).
import type net from 'node:net';
import { BSON, Long } from 'bson';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

type Lookup = (request: string) => unknown;

/** What a MongoDB 6 server answers to hello: a standalone, writable, speaking OP_MSG. */
function hello(connectionId: number): Record<string, unknown> {
  return {
    helloOk: true,
    isWritablePrimary: true,
    ismaster: true,
    topologyVersion: undefined,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: 17,
    readOnly: false,
    ok: 1,
  };
}

/** The request key of a command document (its first field names the command). */
export function mongoRequest(command: Record<string, unknown>): string {
  const [name = ''] = Object.keys(command);
  const db = typeof command.$db === 'string' ? command.$db : 'admin';
  const target = command[name];
  return typeof target === 'string' ? `${name} ${db}.${target}` : `${name} ${db}`;
}

function answerFor(command: Record<string, unknown>, lookup: Lookup, connectionId: number): Record<string, unknown> {
  const name = (Object.keys(command)[0] ?? '').toLowerCase();
  if (name === 'hello' || name === 'ismaster') return hello(connectionId);
  if (name === 'ping' || name === 'endsessions') return { ok: 1 };
  const recorded = lookup(mongoRequest(command));
  if (recorded === undefined || recorded === null || typeof recorded !== 'object')
    return { ok: 0, errmsg: `${mongoRequest(command)}: not in the recording`, code: 59, codeName: 'CommandNotFound' };
  const answer: Record<string, unknown> = { ok: 1, ...(recorded as Record<string, unknown>) };
  // A cursor's id is a BSON int64 on the wire; a recording written as JSON holds a number.
  const cursor = answer.cursor as Record<string, unknown> | undefined;
  if (cursor && typeof cursor.id === 'number') answer.cursor = { ...cursor, id: Long.fromNumber(cursor.id) };
  return answer;
}

function frame(requestId: number, responseTo: number, opCode: number, body: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, body]);
}

/** Serves one client connection until it closes. */
export function serveMongodb(socket: net.Socket, lookup: Lookup, connectionId: number): void {
  let pending = Buffer.alloc(0);
  let nextId = 1;
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
      const length = pending.readInt32LE(0);
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      const requestId = message.readInt32LE(4);
      const opCode = message.readInt32LE(12);
      if (opCode === OP_MSG) {
        // flagBits, then sections; the command is the kind-0 body (kind-1 sequences are not needed here).
        let at = 20;
        let command: Record<string, unknown> = {};
        while (at < message.length) {
          const kind = message[at];
          if (kind === 0) {
            const size = message.readInt32LE(at + 1);
            command = BSON.deserialize(message.subarray(at + 1, at + 1 + size));
            at += 1 + size;
          } else {
            at += 1 + message.readInt32LE(at + 1);
          }
        }
        const reply = Buffer.concat([
          Buffer.alloc(4),
          Buffer.from([0]),
          Buffer.from(BSON.serialize(answerFor(command, lookup, connectionId), { ignoreUndefined: true })),
        ]);
        socket.write(frame(nextId++, requestId, OP_MSG, reply));
      } else if (opCode === OP_QUERY) {
        const nameEnd = message.indexOf(0, 20);
        const docAt = nameEnd + 1 + 8;
        const size = message.readInt32LE(docAt);
        const query = BSON.deserialize(message.subarray(docAt, docAt + size));
        const command = (query.$query as Record<string, unknown> | undefined) ?? query;
        const doc = Buffer.from(BSON.serialize(answerFor(command, lookup, connectionId), { ignoreUndefined: true }));
        const head = Buffer.alloc(20);
        head.writeInt32LE(1, 16);
        socket.write(frame(nextId++, requestId, OP_REPLY, Buffer.concat([head, doc])));
      } else {
        socket.destroy();
        return;
      }
    }
  });
}

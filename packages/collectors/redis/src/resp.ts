// Just enough RESP for INFO and CONFIG GET. A client library (ioredis, node-redis) brings
// reconnect loops, offline queues and command tables for two commands a run; a plain socket
// (plugin-kit's RequestSocket) keeps the state to one connection per instance, whose life the
// collector decides: opened on the first run, reused, closed on teardown or after a failure.
import { describeTarget, RequestSocket, type SocketTarget } from '@spinel/plugin-kit';

/** A reply: simple or bulk string, integer, nil, error or array. */
export type RespValue = string | number | null | RespError | RespValue[];

/** An error reply (`-ERR ...`): the server answered, and said no. */
export class RespError extends Error {
  override readonly name = 'RespError';
}

/** Where a Redis server listens, and how to log in. */
export interface RedisTarget extends SocketTarget {
  /** Shown in the server's CLIENT LIST, so an operator sees which connection is the agent's. */
  clientName: string;
  auth: string | undefined;
}

const CRLF = '\r\n';

export function encodeCommand(args: readonly string[]): string {
  let out = `*${args.length}${CRLF}`;
  for (const arg of args) out += `$${Buffer.byteLength(arg)}${CRLF}${arg}${CRLF}`;
  return out;
}

/** Parses one reply at `offset`; undefined when the buffer does not hold all of it yet. */
export function parseReply(buffer: Buffer, offset = 0): { value: RespValue; next: number } | undefined {
  const lineEnd = buffer.indexOf(CRLF, offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, next: after };
    case '-':
      return { value: new RespError(line), next: after };
    case ':':
      return { value: Number(line), next: after };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next: after };
      if (buffer.length < after + length + 2) return undefined;
      return { value: buffer.toString('utf8', after, after + length), next: after + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next: after };
      const items: RespValue[] = [];
      let next = after;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, next);
        if (!item) return undefined;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`not a RESP reply (starts with ${JSON.stringify(buffer.toString('utf8', offset, Math.min(buffer.length, offset + 20)))})`);
  }
}

/** A RESP reply at the start of `buffer`, for {@link RequestSocket}. */
export function readResp(buffer: Buffer): { value: RespValue; length: number } | undefined {
  const parsed = parseReply(buffer, 0);
  return parsed && { value: parsed.value, length: parsed.next };
}

/** One connection to one server: authenticated and named once per connect, reused across runs. */
export function redisConnection(target: RedisTarget, timeoutMs: number): RequestSocket<RespValue> {
  return new RequestSocket(target, `redis at ${describeTarget(target)}`, timeoutMs, readResp, async (send) => {
    if (target.auth !== undefined) {
      const reply = await send(encodeCommand(['AUTH', target.auth]));
      if (reply instanceof RespError) throw new Error(`redis at ${describeTarget(target)} refused the password (user default): ${reply.message}`);
    }
    // Pre-2.6.9 servers do not know CLIENT SETNAME; the name is a courtesy, not a requirement.
    await send(encodeCommand(['CLIENT', 'SETNAME', target.clientName]));
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { http } from '@spinel/plugin-kit';
import net from 'node:net';
import { COM_PING, COM_QUERY, COM_QUIT, error, handshake, ok, resultSet, type ReplayRow } from './mysql-wire.js';
import { serveMongodb } from './mongodb-wire.js';
import { servePostgres } from './postgres-wire.js';
import { snmpAnswer, SnmpTable, type SnmpEntry } from './snmp-wire.js';
import dgram from 'node:dgram';
import { retainedPublishes, serveMqtt, type MqttMessages } from './mqtt-wire.js';

/** The wire protocols a replay server speaks. */
export type ReplayProtocol = 'memcached' | 'redis' | 'mysql' | 'postgres' | 'http' | 'mongodb' | 'line' | 'mqtt' | 'snmp';

/**
 * A recorded answer: text (memcached's `stats` output, redis's INFO, a status page), a list of
 * strings (a redis array, as CONFIG GET answers), rows (a MySQL result set) or a JSON document
 * (an HTTP API's answer, served as application/json; for MQTT, a subscription's topics and payloads).
 */
export type ReplayAnswer = string | readonly string[] | readonly ReplayRow[] | Readonly<Record<string, unknown>> | ReplayStatus;

/** An HTTP answer that is a status alone: a 404 the recording means (the queue asked for is not there). */
export class ReplayStatus {
  constructor(
    readonly status: number,
    readonly body = '',
  ) {}
}

export interface ReplayServer {
  /** 127.0.0.1, or empty when the server listens on a unix socket. */
  readonly host: string;
  /** The TCP port, 0 on a unix socket. */
  readonly port: number;
  /** The unix socket's path when it listens on one (as a Docker engine does). */
  readonly socket: string | undefined;
  /** Sets the answers for the next requests, by request (`stats`, `INFO`, `SHOW GLOBAL STATUS`). */
  answer(answers: Readonly<Record<string, ReplayAnswer>>): void;
  /** Requests that had no recorded answer, in order (a collector asking what the recording lacks). */
  readonly unanswered: string[];
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 (or a unix socket) that answers a collector's requests from recorded responses, so a
 * service collector runs its real connection and parsing code on fixtures (Diamond's recorded
 * `stats` and INFO outputs, its SHOW STATUS rows, its status pages). Requests it has no answer
 * for get the protocol's error reply (HTTP: 404) and are listed in `unanswered`. HTTP requests
 * are keyed `GET /path?query`.
 */
export async function startReplayServer(protocol: ReplayProtocol, listen: { socket?: string } = {}): Promise<ReplayServer> {
  let answers: Readonly<Record<string, ReplayAnswer>> = {};
  const unanswered: string[] = [];
  const lookup = (request: string): ReplayAnswer | undefined => {
    const found = answers[request];
    if (found === undefined) unanswered.push(request);
    return found;
  };
  if (protocol === 'snmp') return startSnmpReplay(lookup, unanswered, (next) => (answers = next));
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  let server: net.Server;
  // MQTT subscribers, with their filters: new answers are pushed to them as a broker would.
  const subscribers = new Map<net.Socket, string[]>();
  const messages = (answer: ReplayAnswer | undefined): MqttMessages | undefined =>
    answer === undefined || typeof answer === 'string' || Array.isArray(answer) || answer instanceof ReplayStatus
      ? undefined
      : Object.fromEntries(Object.entries(answer).map(([topic, payload]) => [topic, String(payload)]));
  if (protocol === 'mqtt') {
    server = net.createServer((socket) => {
      track(socket);
      socket.on('close', () => subscribers.delete(socket));
      serveMqtt(
        socket,
        (filter) => messages(lookup(filter)),
        (filters) => subscribers.set(socket, [...(subscribers.get(socket) ?? []), ...filters]),
      );
    });
  } else if (protocol === 'http') {
    server = http.createServer((request, response) => serveHttp(request, response, lookup));
    server.on('connection', track);
  } else {
    let connections = 0;
    const serve = {
      memcached: serveMemcached,
      redis: serveRedis,
      mysql: serveMysql,
      line: serveLine,
      mongodb: (socket: net.Socket, find: Lookup) => serveMongodb(socket, find, ++connections),
      postgres: (socket: net.Socket, find: Lookup) => servePostgres(socket, find, ++connections),
    }[protocol];
    server = net.createServer((socket) => {
      track(socket);
      serve(socket, lookup);
    });
  }
  const socket = listen.socket;
  await new Promise<void>((resolve) => (socket === undefined ? server.listen(0, '127.0.0.1', resolve) : server.listen(socket, resolve)));
  const port = socket === undefined ? (server.address() as net.AddressInfo).port : 0;
  return {
    host: socket === undefined ? '127.0.0.1' : '',
    port,
    socket,
    unanswered,
    answer(next) {
      answers = next;
      for (const [subscriber, filters] of subscribers) for (const filter of filters) subscriber.write(retainedPublishes(messages(answers[filter]) ?? {}));
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

type Lookup = (request: string) => ReplayAnswer | undefined;

/** SNMP over UDP: every request is answered from the recorded walk, the answer named `mib` (a list of [oid, type, value]). */
async function startSnmpReplay(
  lookup: Lookup,
  unanswered: string[],
  setAnswers: (next: Readonly<Record<string, ReplayAnswer>>) => void,
): Promise<ReplayServer> {
  const socket = dgram.createSocket('udp4');
  let table: SnmpTable | undefined;
  socket.on('message', (message, from) => {
    table ??= new SnmpTable((lookup('mib') as readonly SnmpEntry[] | undefined) ?? []);
    try {
      const answer = snmpAnswer(message, table);
      if (answer) socket.send(answer, from.port, from.address);
    } catch {
      unanswered.push(`a message that is not SNMP (${message.length} bytes)`);
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: socket.address().port,
    socket: undefined,
    unanswered,
    answer(next) {
      setAnswers(next);
      table = undefined;
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** HTTP: `GET /path` is answered with the recorded text (text/plain) or document (application/json). */
function serveHttp(request: IncomingMessage, response: ServerResponse, lookup: Lookup): void {
  request.resume();
  request.on('end', () => {
    const answer = lookup(`${request.method ?? 'GET'} ${request.url ?? '/'}`);
    if (answer === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not in the recording\n');
      return;
    }
    if (answer instanceof ReplayStatus) {
      response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
      return;
    }
    const json = typeof answer !== 'string';
    response.writeHead(200, { 'content-type': json ? 'application/json' : 'text/plain' }).end(json ? JSON.stringify(answer) : answer);
  });
}

const asText = (answer: ReplayAnswer): string => (typeof answer === 'string' ? answer : JSON.stringify(answer));

/** One line asked, one answer, then the server closes: ZooKeeper's four-letter words (`mntr`). */
function serveLine(socket: net.Socket, lookup: Lookup): void {
  let pending = '';
  socket.on('data', (chunk) => {
    pending += chunk.toString('latin1');
    const end = pending.indexOf('\n');
    if (end < 0) return;
    const answer = lookup(pending.slice(0, end).trim());
    socket.end(answer === undefined ? '' : asText(answer));
  });
}

/** memcached's text protocol: one command per line; the recorded text is the whole reply. */
function serveMemcached(socket: net.Socket, lookup: Lookup): void {
  let pending = '';
  socket.on('data', (chunk) => {
    pending += chunk.toString('latin1');
    let end: number;
    while ((end = pending.indexOf('\r\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 2);
      if (line === 'quit') {
        socket.end();
        return;
      }
      const answer = lookup(line);
      socket.write(answer === undefined ? 'ERROR\r\n' : asText(answer).replace(/\r?\n/g, '\r\n'));
    }
  });
}

/** RESP: commands arrive as arrays of bulk strings; text answers go back as one bulk string. */
function serveRedis(socket: net.Socket, lookup: Lookup): void {
  let pending = Buffer.alloc(0);
  const bulk = (text: string): string => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const parsed = readRespCommand(pending);
      if (!parsed) return;
      pending = pending.subarray(parsed.consumed);
      const request = parsed.args.join(' ');
      const verb = parsed.args[0]?.toUpperCase();
      if (verb === 'CLIENT' || verb === 'AUTH' || verb === 'SELECT') {
        socket.write('+OK\r\n');
        continue;
      }
      const answer = lookup(request);
      if (answer === undefined) socket.write(`-ERR unknown command '${request}' (not in the recording)\r\n`);
      else if (typeof answer === 'string') socket.write(bulk(answer.replace(/\r?\n/g, '\r\n')));
      else if (Array.isArray(answer))
        socket.write(`*${answer.length}\r\n${(answer as unknown[]).map((item) => bulk(typeof item === 'string' ? item : JSON.stringify(item))).join('')}`);
      else socket.write(`-ERR the recording for '${request}' is not text or a list\r\n`);
    }
  });
}

function readRespCommand(buffer: Buffer): { args: string[]; consumed: number } | undefined {
  const line = (from: number): [string, number] | undefined => {
    const end = buffer.indexOf('\r\n', from);
    return end < 0 ? undefined : [buffer.toString('utf8', from, end), end + 2];
  };
  const head = line(0);
  if (!head) return undefined;
  const [count, afterHead] = head;
  if (!count.startsWith('*')) return { args: count.trim().split(/\s+/), consumed: afterHead }; // inline command
  const args: string[] = [];
  let at = afterHead;
  for (let i = 0; i < Number(count.slice(1)); i++) {
    const size = line(at);
    if (!size) return undefined;
    const length = Number(size[0].slice(1));
    if (buffer.length < size[1] + length + 2) return undefined;
    args.push(buffer.toString('utf8', size[1], size[1] + length));
    at = size[1] + length + 2;
  }
  return { args, consumed: at };
}

const ER_PARSE_ERROR = 1064;
let connectionIds = 0;

/** The MySQL protocol: any login is accepted; COM_QUERY is answered from the recorded rows. */
function serveMysql(socket: net.Socket, lookup: Lookup): void {
  let pending = Buffer.alloc(0);
  let authenticated = false;
  socket.write(handshake(++connectionIds));
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUIntLE(0, 3);
      if (pending.length < 4 + length) return;
      const sequence = pending[3] ?? 0;
      const payload = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      if (!authenticated) {
        authenticated = true;
        socket.write(ok(sequence + 1));
        continue;
      }
      const command = payload[0];
      if (command === COM_QUIT) {
        socket.end();
        return;
      }
      if (command === COM_PING) {
        socket.write(ok(1));
        continue;
      }
      if (command !== COM_QUERY) {
        socket.write(error(1, ER_PARSE_ERROR, `command ${command} is not in the recording`));
        continue;
      }
      const sql = payload.subarray(1).toString('utf8');
      const answer = lookup(sql);
      const rows = Array.isArray(answer) && (answer as unknown[]).every((row) => typeof row === 'object' && row !== null);
      if (!rows) {
        socket.write(error(1, ER_PARSE_ERROR, `no recorded answer for ${JSON.stringify(sql)}`));
      } else {
        socket.write(resultSet(answer as readonly ReplayRow[]));
      }
    }
  });
}

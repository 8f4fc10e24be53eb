// MQTT 3.1.1 as a broker speaks it to one subscriber: enough for a replay server to accept a
// connection and a subscription and publish recorded retained messages (a broker's $SYS topics).
import type net from 'node:net';

const CONNECT = 1;
const PUBLISH = 3;
const SUBSCRIBE = 8;
const PINGREQ = 12;
const DISCONNECT = 14;
const SUBACK_FAILURE = 0x80;

/** What the recording holds for a subscription filter: topic to payload. */
export type MqttMessages = Readonly<Record<string, string>>;

function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  let left = length;
  do {
    let byte = left % 128;
    left = Math.floor(left / 128);
    if (left > 0) byte |= 0x80;
    bytes.push(byte);
  } while (left > 0);
  return Buffer.from(bytes);
}

function packet(first: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([first]), remainingLength(body.length), body]);
}

function utf8String(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** A retained QoS 0 PUBLISH of each message. */
export function retainedPublishes(messages: MqttMessages): Buffer {
  return Buffer.concat(
    Object.entries(messages).map(([topic, payload]) => packet((PUBLISH << 4) | 0x01, Buffer.concat([utf8String(topic), Buffer.from(payload, 'utf8')]))),
  );
}

/** One whole packet at the start of `buffer`: its type, flags, body and size, or undefined until all of it has arrived. */
function readPacket(buffer: Buffer): { type: number; body: Buffer; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  let length = 0;
  let multiplier = 1;
  let at = 1;
  for (;;) {
    const byte = buffer[at];
    if (byte === undefined) return undefined;
    length += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    at++;
    if ((byte & 0x80) === 0) break;
    if (at > 4) throw new Error('MQTT remaining length longer than 4 bytes');
  }
  if (buffer.length < at + length) return undefined;
  return { type: (buffer[0] ?? 0) >> 4, body: buffer.subarray(at, at + length), size: at + length };
}

/** SUBSCRIBE's packet id and topic filters. */
function subscribeFilters(body: Buffer): { id: number; filters: string[] } {
  const id = body.readUInt16BE(0);
  const filters: string[] = [];
  for (let at = 2; at + 2 <= body.length; ) {
    const length = body.readUInt16BE(at);
    filters.push(body.toString('utf8', at + 2, at + 2 + length));
    at += 2 + length + 1; // the requested QoS byte
  }
  return { id, filters };
}

/**
 * Serves one MQTT client: CONNECT is accepted, SUBSCRIBE is answered with the recorded messages
 * of each filter (a filter with none is refused in the SUBACK and reported by `lookup`), PINGREQ
 * answered; `subscribed` gets the filters so that new answers can be pushed to the client.
 */
export function serveMqtt(socket: net.Socket, lookup: (filter: string) => MqttMessages | undefined, subscribed: (filters: string[]) => void): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const read = readPacket(pending);
      if (!read) return;
      pending = pending.subarray(read.size);
      if (read.type === CONNECT) socket.write(Buffer.from([0x20, 0x02, 0x00, 0x00]));
      else if (read.type === SUBSCRIBE) {
        const { id, filters } = subscribeFilters(read.body);
        const found = filters.map(lookup);
        const head = Buffer.alloc(2);
        head.writeUInt16BE(id);
        socket.write(packet(0x90, Buffer.concat([head, Buffer.from(found.map((messages) => (messages ? 0 : SUBACK_FAILURE)))])));
        for (const messages of found) if (messages) socket.write(retainedPublishes(messages));
        subscribed(filters.filter((_, index) => found[index] !== undefined));
      } else if (read.type === PINGREQ) socket.write(Buffer.from([0xd0, 0x00]));
      else if (read.type === DISCONNECT) socket.end();
    }
  });
}

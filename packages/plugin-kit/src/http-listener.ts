import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ListenerLimits {
  /** Connections served at once; one past it is closed as it is accepted. */
  maxConnections: number;
  /** A connection that sends nothing for this long is closed. */
  idleMs: number;
  /** A request's headers and body must arrive within this. */
  requestMs: number;
}

export interface ListenerEvents {
  refused?: () => void;
  idleClosed?: () => void;
}

/**
 * Bounds an HTTP server that anything on the network (or the host) can connect to: how many
 * connections it holds, how long an idle or slow one may stay, and says each refusal and idle
 * close so they can be counted. Without it, a client that opens connections and never speaks
 * holds descriptors until the agent runs out.
 */
export function boundHttpServer(server: Server, limits: ListenerLimits, events: ListenerEvents = {}): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.requestMs;
  server.requestTimeout = limits.requestMs;
  server.keepAliveTimeout = Math.min(limits.idleMs, 5_000);
  server.timeout = limits.idleMs;
  server.on('drop', () => events.refused?.());
  server.on('timeout', (socket: Socket) => {
    events.idleClosed?.();
    socket.destroy();
  });
}

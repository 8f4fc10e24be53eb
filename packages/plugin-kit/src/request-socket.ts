// One long-lived TCP or unix-socket connection to a server that answers requests in order
// (Redis, memcached). Service collectors keep one per configured server: opened on the first
// request, reused across runs (the server's own connection count stays flat), closed on
// teardown, and dropped after any failure so the next request reconnects.
import net from 'node:net';

/** Where a server listens: TCP host and port, or a unix socket path. */
export interface SocketTarget {
  host: string;
  port: number;
  socket: string | undefined;
}

/** `host:port`, or the socket path: how messages name a server (never with a password). */
export function describeTarget(target: SocketTarget): string {
  return target.socket ?? `${target.host}:${target.port}`;
}

/**
 * Reads one reply from the start of `buffer`: its value and length, or undefined while the
 * reply is incomplete. Throwing means the bytes are not a reply at all.
 */
export type ReplyReader<T> = (buffer: Buffer) => { value: T; length: number } | undefined;

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

export class RequestSocket<T> {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: Array<Waiting<T>> = [];

  /**
   * @param server names the server in messages (`redis at 127.0.0.1:6379`).
   * @param onConnect runs once per new connection, before any request (AUTH, a client name).
   */
  constructor(
    readonly target: SocketTarget,
    private readonly server: string,
    private readonly timeoutMs: number,
    private readonly readReply: ReplyReader<T>,
    private readonly onConnect: (send: (request: string) => Promise<T>) => Promise<void> = async () => undefined,
  ) {}

  /** Sends one request and waits for its reply; `what` names it in a timeout message. */
  async request(request: string, what: string): Promise<T> {
    const socket = await this.connect();
    return this.send(socket, request, what);
  }

  close(): void {
    this.fail(new Error(`connection to ${this.server} closed`));
  }

  private send(socket: net.Socket, request: string, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`${this.server} did not answer ${what} within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      const settle = (): void => clearTimeout(timer);
      this.waiting.push({
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      socket.write(request);
    });
  }

  private connect(): Promise<net.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<net.Socket> {
    const { target } = this;
    const socket = target.socket ? net.createConnection({ path: target.socket }) : net.createConnection({ host: target.host, port: target.port });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`cannot connect to ${this.server}: no answer within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new Error(`cannot connect to ${this.server}: ${error.code ?? error.message}`));
      });
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(new Error(`connection to ${this.server} failed: ${error.message}`)));
    socket.on('close', () => this.fail(new Error(`${this.server} closed the connection`)));
    this.socket = socket;
    try {
      await this.onConnect((request) => this.send(socket, request, 'the connection set-up'));
    } catch (error) {
      this.close();
      throw error;
    }
    return socket;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.waiting.length > 0 && this.buffer.length > 0) {
      let reply: ReturnType<typeof this.readReply>;
      try {
        reply = this.readReply(this.buffer);
      } catch (error) {
        this.fail(new Error(`${this.server} sent ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
      if (!reply) return;
      this.buffer = this.buffer.subarray(reply.length);
      this.waiting.shift()?.resolve(reply.value);
    }
  }

  private fail(error: Error): void {
    const socket = this.socket;
    this.socket = undefined;
    this.buffer = Buffer.alloc(0);
    socket?.destroy();
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }
}

import dgram from 'node:dgram';
import net from 'node:net';

function timeoutError(label: string, what: string, host: string, port: number, seconds: number): Error {
  return new Error(`${label}: ${what} ${host}:${port} did not complete within ${seconds} s`);
}

/** Payloads kept for a resend after a lost connection: the most recent ones, for a short while. */
const RESEND_MAX_PAYLOADS = 16;

export interface TcpOptions {
  /** Names the handler in messages: `graphite: cannot connect to ...`. */
  label: string;
  host: string;
  port: number;
  timeoutSeconds: number;
  keepAliveSeconds?: number | undefined;
  /**
   * Seconds of recent payloads sent again after a lost connection (0: none). Only for protocols
   * where a repeat is harmless (Graphite: one value per timestamp), never for StatsD counters.
   */
  resendWindowSeconds?: number;
}

/**
 * One TCP connection to a line-oriented backend that never answers (carbon, StatsD), opened on
 * first use and again after any failure (Diamond's reconnect). A write resolves when the kernel
 * has taken the bytes; it fails on a timeout or a broken connection, leaving the next write to
 * reconnect.
 *
 * Such a backend never acknowledges: bytes the kernel took just before it went away are lost
 * without an error. With a resend window the payloads written in the last seconds are kept, and
 * after a connection is lost the next connection sends them again first.
 */
export class TcpConnection {
  private socket: net.Socket | undefined;
  private recent: Array<{ payload: Buffer; at: number }> = [];
  private resendPending = false;
  /** When the last connection was found lost: the resend window ends there, not at the reconnect. */
  private lostAt = 0;

  private readonly label: string;
  private readonly host: string;
  private readonly port: number;
  private readonly timeoutSeconds: number;
  private readonly keepAliveSeconds: number | undefined;
  private readonly resendWindowSeconds: number;

  constructor(options: TcpOptions) {
    this.label = options.label;
    this.host = options.host;
    this.port = options.port;
    this.timeoutSeconds = options.timeoutSeconds;
    this.keepAliveSeconds = options.keepAliveSeconds;
    this.resendWindowSeconds = options.resendWindowSeconds ?? 0;
  }

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(timeoutError(this.label, 'connecting to', this.host, this.port, this.timeoutSeconds));
      }, this.timeoutSeconds * 1000);
      socket.once('connect', () => {
        clearTimeout(timer);
        if (this.keepAliveSeconds !== undefined) socket.setKeepAlive(true, this.keepAliveSeconds * 1000);
        // The backend never writes back; a close or an error ends this connection.
        socket.on('error', () => this.drop(socket));
        socket.on('close', () => this.drop(socket));
        socket.resume();
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`${this.label}: cannot connect to ${this.host}:${this.port}: ${error.message}`, { cause: error }));
      });
    });
  }

  private drop(socket: net.Socket): void {
    if (this.socket === socket) {
      this.socket = undefined;
      this.resendPending = this.recent.length > 0;
      this.lostAt = Date.now();
    }
    socket.destroy();
  }

  async write(payload: Buffer): Promise<void> {
    if (!this.socket) {
      this.socket = await this.connect();
      if (this.resendPending) {
        // What the kernel took in the seconds before the loss may never have reached the backend,
        // however long the outage lasted.
        const cutoff = this.lostAt - this.resendWindowSeconds * 1000;
        const resend = this.recent.filter((r) => r.at >= cutoff);
        this.recent = [];
        this.resendPending = false;
        for (const r of resend) await this.send(this.socket, r.payload);
      }
    }
    await this.send(this.socket, payload);
    if (this.resendWindowSeconds <= 0) return;
    this.recent.push({ payload, at: Date.now() });
    if (this.recent.length > RESEND_MAX_PAYLOADS) this.recent.shift();
  }

  private async send(socket: net.Socket, payload: Buffer): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.drop(socket);
        reject(timeoutError(this.label, 'writing to', this.host, this.port, this.timeoutSeconds));
      }, this.timeoutSeconds * 1000);
      socket.write(payload, (error) => {
        clearTimeout(timer);
        if (error) {
          this.drop(socket);
          reject(new Error(`${this.label}: writing to ${this.host}:${this.port} failed: ${error.message}`, { cause: error }));
        } else resolve();
      });
    });
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.recent = [];
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => socket.end(() => resolve()));
  }
}

/** Datagrams to a UDP listener (carbon, StatsD): fire and forget, as they give no answer. */
export class UdpSender {
  private readonly socket: dgram.Socket;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    this.socket.unref();
  }

  send(payload: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(payload, this.port, this.host, (error) => (error ? reject(error) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

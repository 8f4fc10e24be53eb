import net from 'node:net';
import { HttpSource } from '@spinel/http';
import { SpinelError } from '@spinel/sdk';
import type { ServerSection } from './options.js';

/** Where one HAProxy's stats CSV comes from, kept across runs. */
export interface StatsSource {
  /** `http://...` or the socket path, for messages. */
  readonly where: string;
  read(signal: AbortSignal): Promise<string>;
  close(): Promise<void>;
}

export type ResolvedSection = Required<ServerSection>;

interface Limits {
  timeoutMs: number;
  maxBytes: number;
}

/**
 * The stats page over HTTP. Credentials go only to a server that asks for them (HTTP 401), as
 * Diamond sent them, so the default `admin`/`password` never reaches a page that is open; once
 * asked, every later request carries them.
 */
class HttpStats implements StatsSource {
  private readonly path: string;
  private readonly open: HttpSource;
  private authed: HttpSource | undefined;
  private asked = false;
  readonly where: string;

  constructor(
    private readonly section: ResolvedSection,
    private readonly limits: Limits,
  ) {
    const url = new URL(section.url);
    this.path = `${url.pathname}${url.search}`;
    this.where = section.url;
    this.open = new HttpSource({ url: url.origin, timeoutMs: limits.timeoutMs, maxBytes: limits.maxBytes });
  }

  private withCredentials(): HttpSource {
    const token = Buffer.from(`${this.section.user}:${this.section.pass}`).toString('base64');
    this.authed ??= new HttpSource({
      url: new URL(this.section.url).origin,
      timeoutMs: this.limits.timeoutMs,
      maxBytes: this.limits.maxBytes,
      headers: { authorization: `Basic ${token}` },
      secrets: [this.section.pass, token],
    });
    return this.authed;
  }

  async read(signal: AbortSignal): Promise<string> {
    if (this.asked) return (await this.withCredentials().get(this.path, signal)).body;
    try {
      return (await this.open.get(this.path, signal)).body;
    } catch (error) {
      if (!(error instanceof SpinelError) || !/answered HTTP 401/.test(error.message)) throw error;
      this.asked = true;
      return (await this.withCredentials().get(this.path, signal)).body;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.open.close(), this.authed?.close()]);
  }
}

/** The stats socket: `show stat`, the answer read to the end (HAProxy closes the connection). */
class SocketStats implements StatsSource {
  constructor(
    readonly where: string,
    private readonly limits: Limits,
  ) {}

  read(signal: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.where);
      const chunks: Buffer[] = [];
      let bytes = 0;
      const fail = (why: string): void => {
        socket.destroy();
        reject(new SpinelError('SPINEL_SOURCE_UNREACHABLE', `show stat on ${this.where} failed: ${why}`));
      };
      const onAbort = (): void => fail('no answer before the run deadline');
      signal.addEventListener('abort', onAbort, { once: true });
      socket.setTimeout(this.limits.timeoutMs, () => fail(`no answer within ${this.limits.timeoutMs / 1000} s`));
      socket.on('connect', () => socket.write('show stat\n'));
      socket.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > this.limits.maxBytes) fail(`answered more than ${this.limits.maxBytes} bytes`);
        else chunks.push(chunk);
      });
      socket.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
      socket.on('close', () => {
        signal.removeEventListener('abort', onAbort);
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
  }

  async close(): Promise<void> {}
}

export function statsSource(section: ResolvedSection, limits: Limits): StatsSource {
  return section.method === 'unix' ? new SocketStats(section.sock, limits) : new HttpStats(section, limits);
}

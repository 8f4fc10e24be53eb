import { redactUrl } from '@spinel/sdk';
import { Pool } from 'undici';
import { throwForStatus } from './classify.js';
import { redact } from './redact.js';

// undici rather than fetch or node:http: its Pool keeps connections alive per origin with a bound
// on their number, and it separates connect, headers and body timeouts, so a backend that accepts
// and never answers fails the request instead of holding a handler forever.

export interface EndpointOptions {
  /** Origin and optional base path, e.g. `https://api.example.com/ingest`. */
  url: string;
  /** One timeout for connecting, for the response headers and between body chunks. */
  timeoutMs: number;
  /** Overrides `timeoutMs` for connecting. */
  connectTimeoutMs?: number;
  /** Overrides `timeoutMs` for the response headers once the request is sent. */
  headersTimeoutMs?: number;
  /** Overrides `timeoutMs` between body chunks of the response. */
  bodyTimeoutMs?: number;
  /** Keep-alive connections to the origin (default 1: a handler sends one delivery at a time). */
  connections?: number;
  keepAliveTimeoutMs?: number;
  /** HTTPS only: `verify: false` accepts any certificate, `checkHostname: false` one for another name (both default true). */
  tls?: TlsChecks;
}

/** How an HTTPS server's certificate is judged (Python ssl's verify_mode and check_hostname). */
export interface TlsChecks {
  verify?: boolean;
  checkHostname?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The first {@link BODY_KEEP_BYTES} of the body as text; the rest was read and discarded. */
  body: string;
}

/** Bytes of a response body kept for error messages; the rest is drained, never left unread. */
export const BODY_KEEP_BYTES = 16 * 1024;

export interface RequestInput {
  method: 'GET' | 'POST' | 'PUT';
  /** Appended to the endpoint's base path. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Aborts the request (a collector's run deadline); the pool stays usable. */
  signal?: AbortSignal;
}

/**
 * The origin of a URL with its userinfo kept (`https://user:pass@host:port`), for handlers that
 * build their own paths: {@link HttpEndpoint} turns the userinfo into Basic auth, never drops it.
 */
export function originWithUserinfo(url: URL): string {
  return url.username || url.password ? `${url.protocol}//${url.username}:${url.password}@${url.host}` : url.origin;
}

/** One HTTP origin with a keep-alive pool; every response body is consumed. */
export class HttpEndpoint {
  private readonly pool: Pool;
  readonly origin: string;
  readonly basePath: string;
  /** The URL's own query (`?db=x`), kept on every request. */
  private readonly baseQuery: string;
  /** `https://user:pass@host` is Basic auth for requests that carry no Authorization of their own. */
  private readonly userinfoAuthorization: string | undefined;

  constructor(options: EndpointOptions) {
    const url = new URL(options.url);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/$/, '');
    this.baseQuery = url.search.slice(1);
    this.userinfoAuthorization =
      url.username || url.password
        ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
        : undefined;
    this.pool = new Pool(this.origin, {
      connections: options.connections ?? 1,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connect: {
        timeout: options.connectTimeoutMs ?? options.timeoutMs,
        rejectUnauthorized: options.tls?.verify ?? true,
        ...(options.tls?.checkHostname === false ? { checkServerIdentity: () => undefined } : {}),
      },
      headersTimeout: options.headersTimeoutMs ?? options.timeoutMs,
      bodyTimeout: options.bodyTimeoutMs ?? options.timeoutMs,
    });
  }

  /** `METHOD origin/path?query` for messages, sensitive query values redacted (callers redact other secrets in the path). */
  describe(input: Pick<RequestInput, 'method' | 'path'>): string {
    return `${input.method} ${redactUrl(`${this.origin}${this.pathOf(input.path)}`)}`;
  }

  private pathOf(path: string): string {
    const full = this.basePath + path || '/';
    if (!this.baseQuery) return full;
    return `${full}${full.includes('?') ? '&' : '?'}${this.baseQuery}`;
  }

  private headersOf(headers: Record<string, string> | undefined): Record<string, string> | undefined {
    if (!this.userinfoAuthorization || Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'authorization')) return headers;
    return { ...headers, authorization: this.userinfoAuthorization };
  }

  /** `keepBytes`: how much of the body to keep (default {@link BODY_KEEP_BYTES}); `truncated` says whether more came. */
  async request(input: RequestInput, keepBytes = BODY_KEEP_BYTES): Promise<HttpResponse & { truncated: boolean }> {
    const response = await this.pool.request({
      method: input.method,
      path: this.pathOf(input.path),
      headers: this.headersOf(input.headers),
      body: input.body,
      signal: input.signal,
    });
    const chunks: Buffer[] = [];
    let received = 0;
    // Read to the end even past what we keep: an unread body pins the connection.
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      if (received < keepBytes) chunks.push(buffer.subarray(0, keepBytes - received));
      received += buffer.length;
    }
    return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), truncated: received > keepBytes };
  }

  /**
   * Reads the answer as it arrives: a 2xx body is handed to `onText` chunk by chunk (UTF-8
   * decoded across chunk edges) and never held whole; past `maxBytes` the connection is closed
   * and `truncated` says so. Any other status keeps the body's first bytes for the message.
   */
  async stream(
    input: RequestInput,
    maxBytes: number,
    onText: (text: string) => void,
  ): Promise<{ status: number; headers: HttpResponse['headers']; body: string; truncated: boolean }> {
    const response = await this.pool.request({
      method: input.method,
      path: this.pathOf(input.path),
      headers: this.headersOf(input.headers),
      body: input.body,
      signal: input.signal,
    });
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    const decoder = new TextDecoder('utf-8');
    const kept: Buffer[] = [];
    let received = 0;
    // A reader that throws (or a cap) leaves the body unread: close it, or it pins the connection.
    const close = (): void => void response.body.destroy();
    try {
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        received += buffer.length;
        if (received > (ok ? maxBytes : BODY_KEEP_BYTES)) {
          close(); // a body past the cap is not read to its end (it may have none)
          return { status: response.statusCode, headers: response.headers, body: Buffer.concat(kept).toString('utf8'), truncated: true };
        }
        if (ok) onText(decoder.decode(buffer, { stream: true }));
        else kept.push(buffer);
      }
      if (ok) onText(decoder.decode());
    } catch (error) {
      close();
      throw error;
    }
    return { status: response.statusCode, headers: response.headers, body: Buffer.concat(kept).toString('utf8'), truncated: false };
  }

  /**
   * Sends a request whose answer must be 2xx. Throws for anything else as the delivery core
   * expects (see {@link throwForStatus}); a network failure or timeout becomes a retryable Error
   * naming the request. `secrets` are redacted from every message.
   */
  async send(input: RequestInput, secrets: ReadonlyArray<string | undefined> = []): Promise<HttpResponse> {
    const what = redact(this.describe(input), secrets);
    let response: HttpResponse;
    try {
      response = await this.request(input);
    } catch (error) {
      throw new Error(redact(`${what} failed: ${networkFailure(error)}`, secrets), { cause: error });
    }
    throwForStatus(response, what, secrets);
    return response;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** `ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT (Headers Timeout Error)`, ... */
export function networkFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: unknown };
  const cause = (error as { cause?: unknown }).cause;
  const causeCode = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
  const label = typeof code === 'string' ? code : typeof causeCode === 'string' ? causeCode : undefined;
  if (label && error.message === '') return label; // an AggregateError of every address tried
  return label && !error.message.includes(label) ? `${label} (${error.message})` : error.message;
}

/** Whether text is an absolute http or https URL (a config value a collector will request). */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `http://host:port` from a host and port option, an IPv6 address in brackets. */
export function originOf(host: string, port: number, tls = false): string {
  return `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

import { SpinelError } from '@spinel/sdk';
import { HttpEndpoint, networkFailure, type TlsChecks } from './endpoint.js';
import { firstLine } from './classify.js';
import { redact } from './redact.js';

/**
 * Bodies a collector reads (a status page, a JSON document, /metrics) unless it says less; more
 * is an error, and reading stops there. Each collector sizes its own cap to what its endpoint
 * serves, since a worker keeps the memory of the largest answer it ever read.
 */
export const SOURCE_MAX_BYTES = 32 * 1024 * 1024;

export interface HttpSourceOptions {
  /** Base URL; request paths are appended (`http://127.0.0.1:15672/api`). */
  url: string;
  timeoutMs: number;
  headers?: Readonly<Record<string, string>>;
  /** Values never to show in a message (passwords, header values). */
  secrets?: ReadonlyArray<string | undefined>;
  maxBytes?: number;
  tls?: TlsChecks;
}

/** How a request is sent: GET by default, or a POST with a JSON body. */
export interface SourceRequest {
  method: 'GET' | 'POST';
  body?: string;
}

const GET: SourceRequest = { method: 'GET' };

export interface SourceResponse {
  body: string;
  contentType: string;
}

/**
 * An HTTP server a collector reads: one keep-alive connection kept across runs (the server sees
 * one client, not one per run), the whole body read up to a cap, and every failure a SpinelError
 * (SPINEL_SOURCE_UNREACHABLE) that names the request (`GET http://127.0.0.1:8080/nginx_status
 * failed: ECONNREFUSED`, `... answered HTTP 401: ...`) with secrets redacted. A run's deadline
 * aborts the request in flight through `signal`; the connection pool stays usable.
 */
export class HttpSource {
  private readonly endpoint: HttpEndpoint;

  constructor(private readonly options: HttpSourceOptions) {
    this.endpoint = new HttpEndpoint({ url: options.url, timeoutMs: options.timeoutMs, connections: 1, tls: options.tls });
  }

  /** `GET base/path` (or another method) for messages (secrets redacted). */
  describe(path = '', method: SourceRequest['method'] = 'GET'): string {
    return redact(this.endpoint.describe({ method, path }), this.options.secrets ?? []);
  }

  async get(path = '', signal?: AbortSignal, request: SourceRequest = GET): Promise<SourceResponse> {
    const parts: string[] = [];
    const { contentType } = await this.stream(path, signal, (text) => parts.push(text), request);
    return { body: parts.join(''), contentType };
  }

  /** The body handed to `onText` as it arrives, never held whole (a line parser's input); the cap holds. */
  async stream(path: string, signal: AbortSignal | undefined, onText: (text: string) => void, request: SourceRequest = GET): Promise<{ contentType: string }> {
    const maxBytes = this.options.maxBytes ?? SOURCE_MAX_BYTES;
    const what = this.describe(path, request.method);
    const fail = (message: string, cause?: unknown): SpinelError =>
      new SpinelError('SPINEL_SOURCE_UNREACHABLE', redact(message, this.options.secrets ?? []), { cause });
    let response: Awaited<ReturnType<HttpEndpoint['stream']>>;
    // What the reader throws (a parse error) is the reader's to say, not a network failure.
    let readerError: { error: unknown } | undefined;
    const read = (text: string): void => {
      try {
        onText(text);
      } catch (error) {
        readerError = { error };
        throw error;
      }
    };
    try {
      const headers = request.body === undefined ? { ...this.options.headers } : { ...this.options.headers, 'content-type': 'application/json' };
      response = await this.endpoint.stream({ method: request.method, path, headers, signal, body: request.body }, maxBytes, read);
    } catch (error) {
      if (readerError) throw readerError.error;
      throw fail(`${what} failed: ${signal?.aborted ? 'no answer before the run deadline' : networkFailure(error)}`, error);
    }
    if (response.status < 200 || response.status >= 300) {
      const detail = firstLine(response.body);
      throw fail(`${what} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`);
    }
    if (response.truncated) throw fail(`${what} answered more than ${maxBytes} bytes (the collector's cap; reading stopped there)`);
    const type = response.headers['content-type'];
    return { contentType: (Array.isArray(type) ? type[0] : type) ?? '' };
  }

  async getJson(path = '', signal?: AbortSignal, request: SourceRequest = GET): Promise<unknown> {
    const { body } = await this.get(path, signal, request);
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${this.describe(path, request.method)} answered something that is not JSON: ${firstLine(body)}`);
    }
  }

  /** A JSON document that must be an object (a status endpoint's answer). */
  async getJsonObject(path = '', signal?: AbortSignal, request: SourceRequest = GET): Promise<Record<string, unknown>> {
    const document = await this.getJson(path, signal, request);
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${this.describe(path, request.method)} answered JSON that is not an object`);
    }
    return document as Record<string, unknown>;
  }

  /** POSTs `body` as JSON and reads the answer as a JSON object (a bulk query: PuppetDB's mbeans). */
  postJsonObject(path: string, body: unknown, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.getJsonObject(path, signal, { method: 'POST', body: JSON.stringify(body) });
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }
}

import { parseRetryAfter } from '@spinel/http';
import { Pool } from 'undici';
import { decodeServerToAgent, encodeAgentToServer } from './codec.js';
import type { AgentToServer, ServerToAgent } from './messages.js';

// undici's Pool rather than fetch: it takes the CA file and client certificate per origin, and it
// separates connect, headers and body timeouts, so a server that accepts and never answers fails
// the poll instead of holding the client.

/** Largest answer read: a remote config is at most 1 MB of YAML; the rest of a message is small. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface TransportOptions {
  /** The server's OpAMP URL, e.g. `https://opamp.example.com/v1/opamp`. */
  endpoint: string;
  headers: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** PEM: the CA certificates that sign the server's, a client certificate and its key. */
  tls?: { ca?: string | undefined; cert?: string | undefined; key?: string | undefined };
}

/** The server refused or failed the request; `retryAfterMs` when it said when to come back. */
export class OpampHttpError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/** OpAMP's plain HTTP transport: one AgentToServer POSTed, one ServerToAgent answered. */
export class HttpTransport {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(private readonly options: TransportOptions) {
    const url = new URL(options.endpoint);
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, {
      connections: 1,
      connect: { timeout: options.timeoutMs, ...options.tls },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async exchange(message: AgentToServer, signal?: AbortSignal): Promise<ServerToAgent> {
    const response = await this.pool.request({
      method: 'POST',
      path: this.path,
      headers: { ...this.options.headers, 'content-type': 'application/x-protobuf' },
      body: Buffer.from(encodeAgentToServer(message)),
      signal,
    });
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      received += buffer.length;
      if (received > MAX_RESPONSE_BYTES) {
        response.body.destroy();
        throw new OpampHttpError(`the answer passed ${MAX_RESPONSE_BYTES} bytes; not read further`, undefined);
      }
      chunks.push(buffer);
    }
    const body = Buffer.concat(chunks);
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const text = body.subarray(0, 200).toString('utf8').split('\n')[0] ?? '';
      throw new OpampHttpError(`HTTP ${response.statusCode}${text ? `: ${text}` : ''}`, parseRetryAfter(response.headers['retry-after']));
    }
    try {
      return decodeServerToAgent(body);
    } catch (error) {
      throw new OpampHttpError(`the answer is not an OpAMP ServerToAgent message (${error instanceof Error ? error.message : String(error)})`, undefined);
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

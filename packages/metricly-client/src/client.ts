import { HttpEndpoint, originWithUserinfo, HttpRefusedError, redact } from '@spinel/http';
import { PermanentDeliveryError } from '@spinel/sdk';
import type { MetriclyElement, MetriclyEvent } from './types.js';

export const DEFAULT_INGEST_URL = 'https://api.app.netuitive.com/ingest/infrastructure';

/** HTTP statuses with which the service tells an agent to stop sending, as the original client. */
export const KILL_CODES: ReadonlySet<number> = new Set([410, 418]);

export interface MetriclyClientOptions {
  /** Ingest URL without the key; default {@link DEFAULT_INGEST_URL}. */
  url?: string;
  apiKey: string;
  /** Sent as User-Agent. */
  agent: string;
  timeoutMs?: number;
}

/** The service told this data source to stop (HTTP 410 or 418). */
export class MetriclyDisabledError extends PermanentDeliveryError {
  constructor(message: string) {
    super(message);
    this.name = 'MetriclyDisabledError';
  }
}

/**
 * Posts elements, events and check-ins. Events go to the ingest URL with `/ingest/` turned into
 * `/ingest/events/`, check-ins to it with `/ingest/` turned into `/check/`, as the Python client.
 */
export class MetriclyClient {
  private readonly endpoint: HttpEndpoint;
  private readonly base: URL;
  private disabledBy: string | undefined;

  constructor(private readonly options: MetriclyClientOptions) {
    this.base = new URL(options.url ?? DEFAULT_INGEST_URL);
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.endpoint = new HttpEndpoint({ url: originWithUserinfo(this.base), timeoutMs });
  }

  /** Set once the service answered 410 or 418; every later call fails at once with it. */
  get disabled(): string | undefined {
    return this.disabledBy;
  }

  private pathFor(kind: 'ingest' | 'events' | 'check'): string {
    const path = this.base.pathname.replace(/\/$/, '');
    if (kind === 'events') return path.replace('/ingest/', '/ingest/events/');
    if (kind === 'check') return path.replace('/ingest/', '/check/');
    return path;
  }

  private async post(path: string, body: unknown): Promise<void> {
    if (this.disabledBy) throw new MetriclyDisabledError(this.disabledBy);
    const request = {
      method: 'POST' as const,
      path,
      headers: { 'content-type': 'application/json', 'user-agent': this.options.agent },
      body: body === undefined ? '' : JSON.stringify(body),
    };
    const secrets = [this.options.apiKey];
    try {
      await this.endpoint.send(request, secrets);
    } catch (error) {
      throw this.explain(error, request.path);
    }
  }

  private explain(error: unknown, path: string): unknown {
    if (!(error instanceof HttpRefusedError)) return error;
    const code = error.status;
    if (KILL_CODES.has(code)) {
      this.disabledBy = `Metricly answered HTTP ${code} (this data source is disabled); handler disabled until restart: ${error.message}`;
      return new MetriclyDisabledError(this.disabledBy);
    }
    if (code === 401 || code === 403) {
      return new PermanentDeliveryError(
        redact(`Metricly refused the API key (HTTP ${code}; check api_key) for POST ${this.base.origin}${path}`, [this.options.apiKey]),
      );
    }
    return error;
  }

  /** POST `<url>/<api key>` with a JSON array of elements. */
  postElements(elements: readonly MetriclyElement[]): Promise<void> {
    return this.post(`${this.pathFor('ingest')}/${this.options.apiKey}`, elements);
  }

  postEvents(events: readonly MetriclyEvent[]): Promise<void> {
    return this.post(`${this.pathFor('events')}/${this.options.apiKey}`, events);
  }

  /** A check-in: the element is alive; the service raises an alarm if none arrives within `ttlSeconds`. */
  checkIn(name: string, elementId: string, ttlSeconds: number): Promise<void> {
    return this.post(
      `${this.pathFor('check')}/${this.options.apiKey}/${encodeURIComponent(name)}/${encodeURIComponent(elementId)}/${Math.round(ttlSeconds)}`,
      undefined,
    );
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }
}

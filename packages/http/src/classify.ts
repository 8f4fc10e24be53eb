import { PermanentDeliveryError, RetryLaterError } from '@spinel/sdk';
import { redact } from './redact.js';
import { parseRetryAfter } from './retry-after.js';
import type { HttpResponse } from './endpoint.js';

/** A 4xx the backend will answer again for the same request: the batch is dropped. */
export class HttpRefusedError extends PermanentDeliveryError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HttpRefusedError';
  }
}

/** 408, 429 or 5xx: worth retrying, no sooner than `retryAfterMs` when the server said so. */
export class HttpUnavailableError extends RetryLaterError {
  constructor(
    message: string,
    retryAfterMs: number | undefined,
    readonly status: number,
  ) {
    super(message, retryAfterMs);
    this.name = 'HttpUnavailableError';
  }
}

/** Statuses that mean "try again" although they are 4xx. */
const RETRYABLE_4XX = new Set([408, 429]);

/** The first line of a response body, trimmed and shortened, for an error message. */
export function firstLine(body: string): string {
  const line = body.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Throws the error the delivery core acts on for a non-2xx response: 408, 429 and 5xx are
 * retried (no sooner than Retry-After), any other 4xx is permanent (the batch is dropped and
 * counted). `what` names the request, e.g. `POST https://host/path`; secrets are redacted.
 */
export function throwForStatus(response: HttpResponse, what: string, secrets: ReadonlyArray<string | undefined> = []): void {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const detail = firstLine(response.body);
  const message = redact(`${what} answered HTTP ${status}${detail ? `: ${detail}` : ''}`, secrets);
  if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) throw new HttpRefusedError(message, status);
  throw new HttpUnavailableError(message, parseRetryAfter(response.headers['retry-after']), status);
}

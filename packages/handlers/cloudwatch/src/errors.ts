import { firstLine, parseRetryAfter, type HttpResponse } from '@spinel/http';
import { PermanentDeliveryError, RetryLaterError } from '@spinel/sdk';

/** Error codes the Query API sends with a 4xx that still mean "try again later". */
const RETRYABLE_CODES = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'ServiceUnavailable', 'InternalFailure', 'RequestTimeout']);
/** Codes that mean the credentials need refreshing (temporary ones expired, or clock skew). */
export const CREDENTIAL_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId', 'SignatureDoesNotMatch']);

export interface AwsError {
  code: string | undefined;
  message: string | undefined;
}

/** `<Error><Code>…</Code><Message>…</Message></Error>` from a Query API error response. */
export function parseAwsError(body: string): AwsError {
  const pick = (tag: string): string | undefined => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body)?.[1];
  return { code: pick('Code'), message: pick('Message') };
}

/**
 * Throws what the delivery core should do with a non-2xx PutMetricData answer. CloudWatch reports
 * throttling as HTTP 400 with code `Throttling`: that is retried, not dropped.
 */
export function throwForAws(response: HttpResponse, what: string, credentialSource: string): void {
  if (response.status >= 200 && response.status < 300) return;
  const aws = parseAwsError(response.body);
  const detail = aws.code ? `${aws.code}: ${aws.message ?? ''}` : firstLine(response.body);
  const message = `${what} answered HTTP ${response.status}: ${detail}`;
  if (aws.code && CREDENTIAL_CODES.has(aws.code))
    throw new RetryLaterError(`${message} (credentials from ${credentialSource}; refreshed for the retry)`, undefined);
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429 || (aws.code !== undefined && RETRYABLE_CODES.has(aws.code));
  if (retryable) throw new RetryLaterError(message, parseRetryAfter(response.headers['retry-after']));
  throw new PermanentDeliveryError(message);
}

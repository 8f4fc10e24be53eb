import { PermanentDeliveryError } from '@spinel/sdk';
import { HttpRefusedError } from './classify.js';

/** The Authorization header value for a bearer token, or basic auth from a user name; else undefined. */
export function authorization(credentials: {
  username?: string | undefined;
  password?: string | undefined;
  bearerToken?: string | undefined;
}): string | undefined {
  if (credentials.bearerToken) return `Bearer ${credentials.bearerToken}`;
  if (credentials.username) return `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ''}`).toString('base64')}`;
  return undefined;
}

/**
 * A 401 or 403 becomes a permanent error that says the credentials were refused and which ones
 * to check: `<who> refused the credentials (HTTP 401; check <check>): <the answer>`. Any other
 * error is returned unchanged.
 */
export function explainRefusedCredentials(error: unknown, who: string, check: string): unknown {
  if (error instanceof HttpRefusedError && (error.status === 401 || error.status === 403)) {
    return new PermanentDeliveryError(`${who} refused the credentials (HTTP ${error.status}; check ${check}): ${error.message}`);
  }
  return error;
}

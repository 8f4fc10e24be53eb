/** Stable error codes; tests and users match on `code`, never on the message. */
export type SpinelErrorCode =
  | 'SPINEL_CONFIG_INVALID'
  | 'SPINEL_OPTION_INVALID'
  | 'SPINEL_PLUGIN_NOT_FOUND'
  | 'SPINEL_PLUGIN_INVALID'
  | 'SPINEL_PLUGIN_API_MISMATCH'
  | 'SPINEL_PROC_MALFORMED'
  | 'SPINEL_COLLECT_TIMEOUT'
  | 'SPINEL_SOURCE_UNREACHABLE'
  | 'SPINEL_WORKER_FAILED'
  | 'SPINEL_HANDLER_FAILED'
  | 'SPINEL_DELIVERY_PERMANENT'
  | 'SPINEL_DELIVERY_RETRY';

/** Base class of every error Spinel raises on purpose. */
export class SpinelError extends Error {
  readonly code: SpinelErrorCode;

  constructor(code: SpinelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SpinelError';
    this.code = code;
  }
}

/**
 * A procfs/sysfs file did not have the shape a collector expects. Collectors throw it so the
 * runtime can count and log the failed run with the file named.
 */
export class MalformedFileError extends SpinelError {
  readonly file: string;

  constructor(file: string, expected: string, options?: { cause?: unknown }) {
    super('SPINEL_PROC_MALFORMED', `${file}: expected ${expected}`, options);
    this.name = 'MalformedFileError';
    this.file = file;
  }
}

/**
 * Thrown by a handler's `process` when retrying cannot help (the backend refused the data itself,
 * an HTTP 4xx other than 408/429): the batch is dropped and counted instead of retried.
 */
export class PermanentDeliveryError extends SpinelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SPINEL_DELIVERY_PERMANENT', message, options);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * Thrown by a handler's `process` when the backend asked to be retried later (HTTP 429 or 503
 * with Retry-After): the batch is kept and retried no sooner than `retryAfterMs`.
 */
export class RetryLaterError extends SpinelError {
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs: number | undefined, options?: { cause?: unknown }) {
    super('SPINEL_DELIVERY_RETRY', message, options);
    this.name = 'RetryLaterError';
    this.retryAfterMs = retryAfterMs;
  }
}

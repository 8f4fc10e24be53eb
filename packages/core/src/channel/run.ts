// What crosses the thread boundary about a collector run: its settings going in, its result and
// failures coming back (failures of handler deliveries use the same shape).

/** Everything about a collector instance that is not the plugin's own options. */
export interface CollectorSettings {
  /** The config key, e.g. `cpu` or `web`. */
  key: string;
  /** The collector's path segment (Diamond's `path`, e.g. `cpu`); a sample's whole path is built from it. */
  collectorPath: string;
  pathPrefix: string;
  pathSuffix: string;
  hostname: string | undefined;
  instancePrefix: string;
  /** Seconds between runs; the divisor of a derivative whose previous reading has no usable time. */
  interval: number;
  /** Seconds a run may take before it is aborted. */
  timeout: number;
  metricsWhitelist: readonly string[];
  metricsBlacklist: readonly string[];
  measureCollectorTime: boolean;
  /** Cap on per-series state (previous counter values). */
  maxSeriesState: number;
  /**
   * Seconds a series' previous value is kept without a new reading (at least three intervals):
   * a run after a gap shorter than this still publishes the rate over the real elapsed time.
   */
  seriesStateTtl: number;
}

export interface RunFailure {
  name: string;
  message: string;
  code: string | undefined;
  /** A delivery error's advice on when to try again (HTTP Retry-After). */
  retryAfterMs?: number | undefined;
  /** Logged with the first failure of a run; repeats are counted instead. */
  stack?: string | undefined;
}

export interface RunResult {
  samples: number;
  durationMs: number;
  timedOut: boolean;
  error: RunFailure | undefined;
  /** Samples not published: values that were not finite numbers, names that were refused. */
  rejected: number;
}

export function describeFailure(error: unknown): RunFailure {
  if (error instanceof Error) {
    const { code, retryAfterMs } = error as { code?: unknown; retryAfterMs?: unknown };
    const failure: RunFailure = { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined, stack: error.stack };
    if (typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs)) failure.retryAfterMs = retryAfterMs;
    return failure;
  }
  return { name: 'Error', message: String(error), code: undefined };
}

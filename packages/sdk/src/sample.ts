import type { MetricType } from './catalogue.js';

/** Labels that travel with a sample for label-based handlers (`{cpu: "cpu0"}`). */
export type Dimensions = Readonly<Record<string, string>>;

/** One published value, as handlers receive it. */
export interface Sample {
  /** Full dotted path, e.g. `servers.web1.cpu.total.user`. */
  readonly path: string;
  /** Path relative to the collector's own path (Diamond's short name), e.g. `total.user`. */
  readonly name: string;
  readonly value: number;
  /** Seconds since the epoch. */
  readonly timestamp: number;
  readonly type: MetricType;
  /** Decimal places for text encodings (Diamond's `precision`). */
  readonly precision: number;
  /** The collector's path segment (Diamond's `path`, e.g. `cpu`), for handlers that group by collector. */
  readonly collectorPath: string;
  readonly host: string | undefined;
  readonly dimensions: Dimensions | undefined;
}

/**
 * A check-in, as handlers that take checks receive it: "`name` on `host` is alive". A backend
 * with checks (Metricly) raises an alarm when no check-in of that name arrives within `ttl`.
 */
export interface Check {
  /** The check's name as the collector gave it, e.g. `heartbeat` or `web.8080`. */
  readonly name: string;
  /** Seconds the backend waits for the next check-in before it alarms. */
  readonly ttl: number;
  /** Seconds since the epoch. */
  readonly timestamp: number;
  /** The collector's path segment, e.g. `heartbeat`. */
  readonly collectorPath: string;
  readonly host: string | undefined;
}

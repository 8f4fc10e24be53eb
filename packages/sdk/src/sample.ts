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

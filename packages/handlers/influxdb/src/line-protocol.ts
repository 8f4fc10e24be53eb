import type { Sample } from '@spinel/sdk';
import { SeriesCache, seriesName, type LabelMappingOptions } from '@spinel/plugin-kit';

export type Precision = 's' | 'ms' | 'us' | 'ns';

const MULTIPLIER: Readonly<Record<Precision, number>> = { s: 1, ms: 1e3, us: 1e6, ns: 1e9 };

// Line protocol escaping: measurements escape commas and spaces; tag keys, tag values and field
// keys escape commas, equals signs and spaces. Other backslashes are literal (InfluxDB 1.x keeps
// `\\` as two characters). A newline cannot be escaped at all: it becomes a space.
const MEASUREMENT_SPECIAL = /[, ]/g;
const KEY_SPECIAL = /[,= ]/g;
const NEWLINES = /[\r\n]/g;

const ANY_SPECIAL = /[,= \r\n]/;

export function escapeMeasurement(text: string): string {
  if (!ANY_SPECIAL.test(text)) return text;
  return text.replace(NEWLINES, ' ').replace(MEASUREMENT_SPECIAL, (c) => `\\${c}`);
}

export function escapeKey(text: string): string {
  if (!ANY_SPECIAL.test(text)) return text;
  return text.replace(NEWLINES, ' ').replace(KEY_SPECIAL, (c) => `\\${c}`);
}

export interface EncodedLines {
  text: string;
  lines: number;
  /** Samples whose value InfluxDB cannot store (NaN, infinite). */
  skipped: number;
}

/** Integer timestamp in the given precision, rounded (the sample keeps seconds as a float). */
export function timestampIn(seconds: number, precision: Precision): string {
  // Below 2^53 a float holds the integer exactly; nanoseconds since the epoch do not fit.
  return precision === 'ns' ? (BigInt(Math.round(seconds * 1e6)) * 1000n).toString() : String(Math.round(seconds * MULTIPLIER[precision]));
}

interface SeriesHead {
  /** `measurement,tag=value,...` escaped, tags sorted. */
  head: string;
  /** The escaped field key. */
  field: string;
}

/**
 * Encodes samples as line protocol. Samples with the same measurement, tags and timestamp share
 * one line (`cpu,cpu=cpu0,host=h1 user=1.5,system=0.5 1700000000000`). Values are written as
 * floats always: InfluxDB fixes a field's type on first write, and a counter that happens to be
 * whole would otherwise conflict with its later fractional values. The escaped head of each
 * series is computed once and kept in a bounded cache.
 */
export class LineProtocolEncoder {
  private readonly heads: SeriesCache<SeriesHead>;
  private lastSeconds = Number.NaN;
  private lastStamp = '';

  constructor(
    private readonly precision: Precision,
    mapping: LabelMappingOptions,
  ) {
    this.heads = new SeriesCache((sample) => {
      const series = seriesName(sample, mapping);
      let head = escapeMeasurement(series.measurement);
      for (const key of Object.keys(series.labels).sort()) {
        const value = series.labels[key];
        if (value === undefined || value === '') continue; // an empty tag value is invalid line protocol
        head += `,${escapeKey(key)}=${escapeKey(value)}`;
      }
      return { head, field: escapeKey(series.field) };
    });
  }

  private stamp(seconds: number): string {
    if (seconds !== this.lastSeconds) {
      this.lastSeconds = seconds;
      this.lastStamp = timestampIn(seconds, this.precision);
    }
    return this.lastStamp;
  }

  encode(samples: readonly Sample[]): EncodedLines {
    const lines = new Map<string, string>();
    let skipped = 0;
    for (const sample of samples) {
      if (!Number.isFinite(sample.value)) {
        skipped++;
        continue;
      }
      const { head, field } = this.heads.get(sample);
      const key = `${head} ${this.stamp(sample.timestamp)}`;
      const pair = `${field}=${sample.value}`;
      const existing = lines.get(key);
      lines.set(key, existing === undefined ? pair : `${existing},${pair}`);
    }
    let text = '';
    for (const [key, fields] of lines) {
      const space = key.lastIndexOf(' ');
      text += `${key.slice(0, space)} ${fields}${key.slice(space)}\n`;
    }
    return { text, lines: lines.size, skipped };
  }
}

/** One-off encoding (tests, tools); a handler keeps one {@link LineProtocolEncoder}. */
export function encodeLines(samples: readonly Sample[], precision: Precision, mapping: LabelMappingOptions): EncodedLines {
  return new LineProtocolEncoder(precision, mapping).encode(samples);
}

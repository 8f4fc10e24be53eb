import { BoundedMap, sanitizePathSegment, type Dimensions } from '@spinel/sdk';
import type { StatsdLine } from './line.js';

interface Named {
  name: string;
  dimensions: Dimensions | undefined;
}
interface CounterSeries extends Named {
  kind: 'c';
  sum: number;
  fresh: boolean;
}
interface GaugeSeries extends Named {
  kind: 'g';
  value: number;
}
interface TimerSeries extends Named {
  kind: 'ms';
  /** A reservoir of at most `maxTimerSamples` values; count, sum, lower and upper are exact. */
  values: number[];
  count: number;
  seen: number;
  sum: number;
  lower: number;
  upper: number;
}
interface SetSeries extends Named {
  kind: 's';
  members: Set<string>;
}
type Series = CounterSeries | GaugeSeries | TimerSeries | SetSeries;

/** One value to publish at a flush. */
export interface Flushed {
  name: string;
  value: number;
  rate: boolean;
  dimensions: Dimensions | undefined;
}

export interface AggregatorOptions {
  maxSeries: number;
  seriesTtlMs: number;
  maxTimerSamples: number;
  percentiles: readonly number[];
  now?: () => number;
}

/** `key` and, with tags, its tag values in tag-name order: one path per series on any backend. */
function seriesName(key: string, tags: Record<string, string> | undefined): string {
  if (!tags) return key;
  const names = Object.keys(tags).sort();
  return names.length === 0 ? key : `${key}.${names.map((n) => sanitizePathSegment(tags[n] ?? '') || '_').join('.')}`;
}

/**
 * StatsD's aggregation between two flushes. Every series lives in one BoundedMap (at most
 * `maxSeries`, dropped after `seriesTtlMs` without a line): a client that invents a new key per
 * request (the Metricly agent's leak) costs evictions, never memory. Counters, timers and sets
 * publish what arrived since the last flush and start again; gauges keep their value until they
 * go idle for the TTL.
 */
export class Aggregator {
  private readonly series: BoundedMap<string, Series>;
  /**
   * Series written since the last flush, by type and then by key (a tagged line by its whole id):
   * lines for them skip the BoundedMap's bookkeeping and the building of an id string.
   */
  private readonly touched = { c: new Map<string, Series>(), g: new Map<string, Series>(), ms: new Map<string, Series>(), s: new Map<string, Series>() };
  /**
   * Where lines for new series go once `maxSeries` are kept: established series are never pushed
   * out by a storm of new keys (as OpenTelemetry's cardinality limit does). Counters and timers
   * keep their totals here; a gauge or set beyond the cap has no meaningful sum and is only counted.
   */
  private readonly overflow = {
    c: { name: '_overflow.counters', dimensions: undefined, kind: 'c', sum: 0, fresh: false } satisfies CounterSeries as Series,
    ms: {
      name: '_overflow.timers',
      dimensions: undefined,
      kind: 'ms',
      values: [],
      count: 0,
      seen: 0,
      sum: 0,
      lower: Number.POSITIVE_INFINITY,
      upper: Number.NEGATIVE_INFINITY,
    } satisfies TimerSeries as Series,
  };
  lines = 0;
  malformed = 0;
  /** Lines in the interval for series past `maxSeries`, folded into the overflow series or dropped. */
  overflowed = 0;
  private evictedAtFlush = 0;

  constructor(private readonly options: AggregatorOptions) {
    this.series = new BoundedMap({ maxEntries: options.maxSeries, ttlMs: options.seriesTtlMs, now: options.now });
  }

  get size(): number {
    return this.series.size;
  }

  add(line: StatsdLine): void {
    this.lines++;
    const touched = this.touched[line.type];
    const touchKey = line.tags ? `${line.key}\u0000${JSON.stringify(line.tags)}` : line.key;
    let series = touched.get(touchKey);
    if (!series) {
      const id = `${line.type}\u0000${touchKey}`;
      const known = this.series.get(id);
      if (!known && this.series.size >= this.options.maxSeries) {
        this.series.sweep();
        if (this.series.size >= this.options.maxSeries) {
          this.addOverflow(line);
          return;
        }
      }
      series = known ?? this.create(line);
      this.series.set(id, series); // refreshes its TTL once per flush interval
      touched.set(touchKey, series);
    }
    this.apply(series, line);
  }

  private addOverflow(line: StatsdLine): void {
    this.overflowed++;
    if (line.type === 'c' || line.type === 'ms') this.apply(this.overflow[line.type], line);
  }

  private apply(series: Series, line: StatsdLine): void {
    switch (series.kind) {
      case 'c':
        series.sum += line.value / line.rate;
        series.fresh = true;
        break;
      case 'g':
        series.value = line.delta ? series.value + line.value : line.value;
        break;
      case 'ms':
        this.addTiming(series, line.value, line.rate);
        break;
      case 's':
        if (series.members.size < this.options.maxTimerSamples) series.members.add(line.raw);
        break;
    }
  }

  /** What to publish for the interval that ends now; counters, timers and sets start again. */
  flush(intervalSeconds: number): Flushed[] {
    const out: Flushed[] = [];
    const push = (series: Series, suffix: string, value: number, rate = false): void => {
      out.push({ name: suffix ? `${series.name}.${suffix}` : series.name, value, rate, dimensions: series.dimensions });
    };
    this.series.sweep();
    const all = [...this.series.keys()].map((id) => this.series.get(id));
    for (const series of [...all, this.overflow.c, this.overflow.ms]) {
      if (!series) continue;
      switch (series.kind) {
        case 'c':
          if (!series.fresh) break;
          push(series, 'count', series.sum);
          push(series, 'rate', series.sum / intervalSeconds, true);
          series.sum = 0;
          series.fresh = false;
          break;
        case 'g':
          push(series, '', series.value);
          break;
        case 'ms':
          if (series.count === 0) break;
          this.flushTimer(series, push);
          break;
        case 's':
          if (series.members.size === 0) break;
          push(series, 'unique', series.members.size);
          series.members.clear();
          break;
      }
    }
    for (const touched of Object.values(this.touched)) touched.clear();
    out.push({ name: '_listener.lines', value: this.lines, rate: false, dimensions: undefined });
    out.push({ name: '_listener.malformed', value: this.malformed, rate: false, dimensions: undefined });
    out.push({ name: '_listener.series', value: this.series.size, rate: false, dimensions: undefined });
    out.push({ name: '_listener.evicted', value: this.series.evictions - this.evictedAtFlush, rate: false, dimensions: undefined });
    out.push({ name: '_listener.overflow', value: this.overflowed, rate: false, dimensions: undefined });
    this.evictedAtFlush = this.series.evictions;
    this.overflowed = 0;
    this.lines = 0;
    this.malformed = 0;
    return out;
  }

  private create(line: StatsdLine): Series {
    const base = { name: seriesName(line.key, line.tags), dimensions: line.tags };
    switch (line.type) {
      case 'c':
        return { ...base, kind: 'c', sum: 0, fresh: false };
      case 'g':
        return { ...base, kind: 'g', value: 0 };
      case 'ms':
        return { ...base, kind: 'ms', values: [], count: 0, seen: 0, sum: 0, lower: Number.POSITIVE_INFINITY, upper: Number.NEGATIVE_INFINITY };
      case 's':
        return { ...base, kind: 's', members: new Set() };
    }
  }

  private addTiming(series: TimerSeries, value: number, rate: number): void {
    series.count += 1 / rate;
    series.sum += value;
    series.seen++;
    if (value < series.lower) series.lower = value;
    if (value > series.upper) series.upper = value;
    const max = this.options.maxTimerSamples;
    if (series.values.length < max) series.values.push(value);
    else {
      // Reservoir sampling: each value seen so far is kept with the same probability.
      const slot = Math.floor(Math.random() * series.seen);
      if (slot < max) series.values[slot] = value;
    }
  }

  private flushTimer(series: TimerSeries, push: (series: Series, suffix: string, value: number) => void): void {
    const sorted = series.values.sort((a, b) => a - b);
    push(series, 'count', series.count);
    push(series, 'lower', series.lower);
    push(series, 'upper', series.upper);
    push(series, 'mean', series.sum / series.seen);
    push(series, 'sum', series.sum);
    for (const p of this.options.percentiles) {
      const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
      push(series, `p${String(p).replace('.', '_')}`, sorted[rank - 1] ?? 0);
    }
    series.values = [];
    series.count = 0;
    series.seen = 0;
    series.sum = 0;
    series.lower = Number.POSITIVE_INFINITY;
    series.upper = Number.NEGATIVE_INFINITY;
  }
}

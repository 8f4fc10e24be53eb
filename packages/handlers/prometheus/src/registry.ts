import type { MetricSpec, Sample } from '@spinel/sdk';
import { prometheusSeries, SeriesCache, type LabelMappingOptions } from '@spinel/plugin-kit';

interface Family {
  type: 'gauge' | 'counter';
  help: string;
  /** Series of this family, keyed by their rendered label set. */
  series: Map<string, Series>;
}

interface Series {
  labels: string;
  value: number;
  /** Agent clock (s) of the last update. */
  updatedAt: number;
  collector: string;
}

/** `\` `"` and newlines, as the exposition format escapes label values. */
export function escapeLabelValue(text: string): string {
  return text.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** `\` and newlines, as the exposition format escapes HELP text. */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

export interface RegistryOptions {
  mapping: LabelMappingOptions;
  /** Fixed expiration in seconds; 0: two intervals of the series' collector. */
  expiration: number;
  maxSeries: number;
  describe(sample: Sample): MetricSpec | undefined;
}

/**
 * The latest value of every series, bounded: a series not updated within its expiration is
 * removed by the next sweep (at most a second of agent time away, and at every scrape), and past
 * `maxSeries` the least recently updated go first.
 */
interface SeriesIdentity {
  family: string;
  counter: boolean;
  /** The family name says a base unit: the value times this. */
  scale: number;
  help: string;
  /** Rendered `k="v",...`. */
  labels: string;
}

export class Registry {
  private readonly families = new Map<string, Family>();
  private readonly identities: SeriesCache<SeriesIdentity>;
  private seriesCount = 0;
  /** Agent clock (s) of the last full expiry sweep. */
  private lastSweep = Number.NEGATIVE_INFINITY;
  /** Per collector: its interval as seen from consecutive sample timestamps. */
  private readonly intervals = new Map<string, { last: number; interval: number }>();

  constructor(private readonly options: RegistryOptions) {
    this.identities = new SeriesCache((sample) => {
      const spec = options.describe(sample);
      const series = prometheusSeries(sample, options.mapping, (spec?.type ?? sample.type) === 'counter');
      const labels = series.labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',');
      return {
        family: series.name,
        counter: series.counter,
        scale: series.scale,
        help: spec?.description ?? `Spinel metric ${sample.collectorPath}.${sample.name}`,
        labels,
      };
    });
  }

  get size(): number {
    return this.seriesCount;
  }

  update(samples: readonly Sample[], now: number): void {
    for (const sample of samples) {
      this.observeInterval(sample);
      const identity = this.identities.get(sample);
      let family = this.families.get(identity.family);
      if (!family) this.families.set(identity.family, (family = { type: identity.counter ? 'counter' : 'gauge', help: identity.help, series: new Map() }));
      const existing = family.series.get(identity.labels);
      const value = sample.value * identity.scale;
      if (existing) {
        existing.value = value;
        existing.updatedAt = now;
      } else {
        family.series.set(identity.labels, { labels: identity.labels, value, updatedAt: now, collector: sample.collectorPath });
        this.seriesCount++;
      }
    }
    if (this.seriesCount > this.options.maxSeries) this.evictOldest(this.seriesCount - this.options.maxSeries + Math.ceil(this.options.maxSeries / 10));
    // Expiry is a sweep over every series, at most once a second of agent time (and at each scrape).
    if (now - this.lastSweep >= 1) this.expire(now);
  }

  private observeInterval(sample: Sample): void {
    const seen = this.intervals.get(sample.collectorPath);
    if (!seen) {
      this.intervals.set(sample.collectorPath, { last: sample.timestamp, interval: 0 });
      return;
    }
    const delta = sample.timestamp - seen.last;
    if (delta > 0) {
      seen.interval = delta;
      seen.last = sample.timestamp;
    }
  }

  private ttlOf(collector: string): number {
    if (this.options.expiration > 0) return this.options.expiration;
    const interval = this.intervals.get(collector)?.interval ?? 0;
    return interval > 0 ? 2 * interval : Number.POSITIVE_INFINITY;
  }

  /** Drops every series not updated within its expiration. */
  expire(now: number): void {
    this.lastSweep = now;
    for (const [name, family] of this.families) {
      for (const [key, series] of family.series) {
        if (now - series.updatedAt > this.ttlOf(series.collector)) {
          family.series.delete(key);
          this.seriesCount--;
        }
      }
      if (family.series.size === 0) this.families.delete(name);
    }
  }

  /** Past max_series: drops the least recently updated, a tenth of the cap at once so it stays rare. */
  private evictOldest(count: number): void {
    const all: Array<{ family: string; key: string; updatedAt: number }> = [];
    for (const [name, family] of this.families) for (const [key, series] of family.series) all.push({ family: name, key, updatedAt: series.updatedAt });
    all.sort((a, b) => a.updatedAt - b.updatedAt);
    for (const victim of all.slice(0, count)) {
      const family = this.families.get(victim.family);
      if (family?.series.delete(victim.key)) this.seriesCount--;
      if (family && family.series.size === 0) this.families.delete(victim.family);
    }
  }

  /** The text exposition format (0.0.4), families sorted by name. */
  render(now: number): string {
    this.expire(now);
    let out = '';
    for (const name of [...this.families.keys()].sort()) {
      const family = this.families.get(name)!;
      out += `# HELP ${name} ${escapeHelp(family.help)}\n# TYPE ${name} ${family.type}\n`;
      for (const series of family.series.values()) out += `${name}${series.labels ? `{${series.labels}}` : ''} ${formatValue(series.value)}\n`;
    }
    return out;
  }
}

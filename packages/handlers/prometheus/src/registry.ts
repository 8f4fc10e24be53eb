import { prometheusSeries, type LabelMappingOptions, type MetricSpec, type Sample } from '@spinel/sdk';

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
 * removed at the next update or scrape, and past `maxSeries` the least recently updated go first.
 */
export class Registry {
  private readonly families = new Map<string, Family>();
  /** Least recently updated first (Map keeps insertion order; an update moves a series to the end). */
  private readonly order = new Map<string, { family: string; key: string }>();
  /** Per collector: its interval as seen from consecutive sample timestamps. */
  private readonly intervals = new Map<string, { last: number; interval: number }>();

  constructor(private readonly options: RegistryOptions) {}

  get size(): number {
    return this.order.size;
  }

  update(samples: readonly Sample[], now: number): void {
    for (const sample of samples) {
      this.observeInterval(sample);
      const spec = this.options.describe(sample);
      const series = prometheusSeries(sample, this.options.mapping, (spec?.type ?? sample.type) === 'counter');
      const familyName = series.name;
      const counter = series.counter;
      let family = this.families.get(familyName);
      if (!family) {
        const help = spec?.description ?? `Spinel metric ${sample.collector}.${sample.name}`;
        this.families.set(familyName, (family = { type: counter ? 'counter' : 'gauge', help, series: new Map() }));
      }
      const labels = series.labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',');
      const id = `${familyName}{${labels}}`;
      family.series.set(labels, { labels, value: sample.value, updatedAt: now, collector: sample.collector });
      this.order.delete(id);
      this.order.set(id, { family: familyName, key: labels });
    }
    this.expire(now);
  }

  private observeInterval(sample: Sample): void {
    const seen = this.intervals.get(sample.collector);
    if (!seen) {
      this.intervals.set(sample.collector, { last: sample.timestamp, interval: 0 });
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

  private remove(id: string, at: { family: string; key: string }): void {
    this.order.delete(id);
    const family = this.families.get(at.family);
    family?.series.delete(at.key);
    if (family && family.series.size === 0) this.families.delete(at.family);
  }

  /**
   * Drops series past their expiration and beyond max_series, least recently updated first. On
   * updates it stops at the first fresh series (cheap); a scrape (`full`) looks at every series,
   * since collectors with longer intervals keep their series longer.
   */
  expire(now: number, full = false): void {
    for (const [id, at] of this.order) {
      const series = this.families.get(at.family)?.series.get(at.key);
      const stale = !series || now - series.updatedAt > this.ttlOf(series.collector);
      const over = this.order.size > this.options.maxSeries;
      if (stale || over) this.remove(id, at);
      else if (!full) break;
    }
  }

  /** The text exposition format (0.0.4), families sorted by name. */
  render(now: number): string {
    this.expire(now, true);
    let out = '';
    for (const name of [...this.families.keys()].sort()) {
      const family = this.families.get(name)!;
      out += `# HELP ${name} ${escapeHelp(family.help)}\n# TYPE ${name} ${family.type}\n`;
      for (const series of family.series.values()) out += `${name}${series.labels ? `{${series.labels}}` : ''} ${formatValue(series.value)}\n`;
    }
    return out;
  }
}

import { BoundedMap, option, SpinelError, type OptionIssue, type Sample } from '@spinel/sdk';
import { conventionalName } from './prometheus-names.js';

/**
 * A sample as label-based backends want it: `cpu_user{cpu="cpu0",host="h1"}` for Prometheus,
 * `cpu,cpu=cpu0,host=h1 user=…` for InfluxDB.
 */
export interface SeriesName {
  /** The family or measurement: the collector's path unless a template adds to it. */
  measurement: string;
  /** What is measured within it (InfluxDB field; Prometheus appends it to the measurement). */
  field: string;
  labels: Record<string, string>;
}

/**
 * Per collector path, a template in Telegraf's graphite-template style applied to the short name's
 * dot-separated segments: `measurement` (joins the measurement), `field` (joins the field),
 * `field*` / `measurement*` (this and every remaining segment), `_` (drop the segment), any other
 * word (a label of that name). Example: `{ cpu: 'cpu.field*' }` maps `cpu0.user` to field `user`
 * with label `cpu="cpu0"`.
 */
export type LabelTemplates = Readonly<Record<string, string>>;

export interface LabelMappingOptions {
  templates?: LabelTemplates;
  /** Label that carries the sample's host; '' leaves it out. Default `host`. */
  hostLabel?: string;
}

/** One segment of a label template: a part of the measurement or field, a skip, or a label. */
export type TemplateToken = { kind: 'measurement' | 'field' | 'skip'; rest: boolean } | { kind: 'label'; name: string };
type Token = TemplateToken;

const compiled = new Map<string, Token[]>();

/** A template's segments (cached: templates come from config, a handful per plugin). */
export function compileTemplate(template: string): readonly TemplateToken[] {
  return compile(template);
}

function compile(template: string): Token[] {
  let tokens = compiled.get(template);
  if (tokens) return tokens;
  tokens = template.split('.').map((word): Token => {
    const rest = word.endsWith('*');
    const base = rest ? word.slice(0, -1) : word;
    if (base === 'measurement' || base === 'field') return { kind: base, rest };
    if (base === '_' || base === '') return { kind: 'skip', rest };
    return { kind: 'label', name: base };
  });
  // Templates come from config, a handful per handler: this cache is bounded by the config.
  compiled.set(template, tokens);
  return tokens;
}

/** Checks a template; returns what is wrong with it, or undefined. */
export function templateProblem(template: string): string | undefined {
  const tokens = template.split('.');
  for (const [i, word] of tokens.entries()) {
    if (word.endsWith('*') && i !== tokens.length - 1) return `\`${word}\` must be the last segment`;
    if (word.endsWith('*') && !['measurement*', 'field*', '_*'].includes(word)) return `\`${word}\`: only measurement*, field* and _* take a star`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*\*?$/.test(word)) return `\`${word}\` is not measurement, field, _ or a label name`;
  }
  return undefined;
}

/** Option issues for the bad templates of a `templates` option, for a plugin's `validate`. */
export function templateIssues(templates: LabelTemplates, key = 'templates'): OptionIssue[] {
  const issues: OptionIssue[] = [];
  for (const [collector, template] of Object.entries(templates)) {
    const problem = templateProblem(template);
    if (problem)
      issues.push({
        key: `${key}.${collector}`,
        expected: 'a label template (measurement, field, _, a label name; a star on the last)',
        found: `${JSON.stringify(template)}: ${problem}`,
      });
  }
  return issues;
}

/** Throws an option error naming the first bad template: `<handler>: templates.<collector>: ...`. */
export function assertTemplates(handler: string, templates: LabelTemplates): void {
  const [issue] = templateIssues(templates);
  if (issue)
    throw new SpinelError('SPINEL_OPTION_INVALID', `${handler}: ${issue.key}: expected a label template, ${issue.found.slice(issue.found.indexOf(': ') + 2)}`);
}

function withHost(labels: Record<string, string>, sample: Sample, hostLabel: string): Record<string, string> {
  if (hostLabel && sample.host !== undefined && !(hostLabel in labels)) labels[hostLabel] = sample.host;
  return labels;
}

function isDimensionValue(segment: string, dimensions: Readonly<Record<string, string>>): boolean {
  for (const key in dimensions) if (dimensions[key] === segment) return true;
  return false;
}

/** By dimensions: segments equal to a dimension's value become that label; the rest is the field. */
function byDimensions(sample: Sample, hostLabel: string): SeriesName {
  const dimensions = sample.dimensions;
  const labels: Record<string, string> = {};
  const name = sample.name;
  let field = '';
  if (!dimensions) {
    field = name.includes('.') ? name.replaceAll('.', '_') : name;
  } else {
    for (const key in dimensions) labels[key] = dimensions[key]!;
    // A hot path (every sample of every label-based handler): no arrays, no sets.
    let start = 0;
    while (start <= name.length) {
      let end = name.indexOf('.', start);
      if (end < 0) end = name.length;
      const segment = name.slice(start, end);
      if (!isDimensionValue(segment, dimensions)) field = field ? `${field}_${segment}` : segment;
      start = end + 1;
    }
  }
  return { measurement: sample.collectorPath, field: field || 'value', labels: withHost(labels, sample, hostLabel) };
}

function byTemplate(sample: Sample, tokens: Token[], hostLabel: string): SeriesName {
  const segments = sample.name.split('.');
  const measurement = [sample.collectorPath];
  const field: string[] = [];
  const labels: Record<string, string> = { ...sample.dimensions };
  let i = 0;
  for (const token of tokens) {
    if (i >= segments.length) break;
    if (token.kind === 'label') {
      labels[token.name] = segments[i++]!;
      continue;
    }
    const take = token.rest ? segments.slice(i) : [segments[i]!];
    i += take.length;
    if (token.kind === 'measurement') measurement.push(...take);
    else if (token.kind === 'field') field.push(...take);
  }
  field.push(...segments.slice(i));
  return { measurement: measurement.join('_'), field: field.join('_') || 'value', labels: withHost(labels, sample, hostLabel) };
}

/**
 * Maps a Diamond-style sample to measurement, field and labels: by the collector's template when
 * one is given, else by the sample's dimensions (every collector sets them for cpu, interface,
 * device, mount, container...). The host becomes a label.
 */
export function seriesName(sample: Sample, options: LabelMappingOptions = {}): SeriesName {
  const hostLabel = options.hostLabel ?? 'host';
  const template = options.templates?.[sample.collectorPath];
  return template === undefined ? byDimensions(sample, hostLabel) : byTemplate(sample, compile(template), hostLabel);
}

const PROM_INVALID = /[^a-zA-Z0-9_:]/g;
const PROM_LABEL_INVALID = /[^a-zA-Z0-9_]/g;

/**
 * The identity of a sample's series: collector, short name, host and dimensions. Label mapping
 * is a pure function of these, so handlers can cache its result per series.
 */
export function seriesKey(sample: Pick<Sample, 'collectorPath' | 'name' | 'host' | 'dimensions'>): string {
  let key = `${sample.collectorPath}\u0000${sample.name}\u0000${sample.host ?? ''}`;
  const dimensions = sample.dimensions;
  if (dimensions) for (const k in dimensions) key += `\u0000${k}\u0001${dimensions[k]}`;
  return key;
}

/**
 * Per-series results of an expensive, pure mapping (escaped line-protocol heads, Prometheus label
 * sets): computed once per series and kept in a {@link BoundedMap} of at most 4,096 series by
 * default (about 1-2 MB), oldest first out. A host's steady series hit it every interval; under
 * churn, or past the cap, lookups miss and the mapping is simply computed again: the cache costs
 * speed at worst, never memory.
 */
export class SeriesCache<T> {
  private readonly entries: BoundedMap<string, T>;

  constructor(
    private readonly compute: (sample: Sample) => T,
    options: { maxEntries?: number; ttlMs?: number } = {},
  ) {
    this.entries = new BoundedMap({ maxEntries: options.maxEntries ?? 4096, ttlMs: options.ttlMs ?? 600_000 });
  }

  get(sample: Sample): T {
    const key = seriesKey(sample);
    let value = this.entries.get(key);
    if (value === undefined) {
      value = this.compute(sample);
      this.entries.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A valid Prometheus metric name: invalid characters become `_`, a leading digit gets `_`. */
export function prometheusName(text: string): string {
  const name = text.replace(PROM_INVALID, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Labels that belong to summaries (`quantile`) and histograms (`le`); Spinel writes gauges and counters only. */
const TYPE_LABELS = new Set(['quantile', 'le']);

/**
 * A valid Prometheus label name: no colons, no leading `__` (Prometheus reserves them), and
 * `quantile` and `le` as `exported_quantile` and `exported_le`, the names Prometheus itself gives
 * a scraped label that clashes (a summary's quantile read by the prometheus collector arrives as a
 * gauge's dimension, and promtool refuses a gauge with a quantile label).
 */
export function prometheusLabelName(text: string): string {
  const name = text.replace(PROM_LABEL_INVALID, '_');
  const safe = /^[0-9]/.test(name) ? `_${name}` : name;
  if (TYPE_LABELS.has(safe)) return `exported_${safe}`;
  return safe.startsWith('__') ? `x${safe}` : safe;
}

/** A sample as a Prometheus series: family name and labels, sorted by label name, values raw. */
export interface PrometheusSeries {
  name: string;
  labels: Array<[string, string]>;
  counter: boolean;
  /** The sample's value times this is the series' value (the name says a base unit: io_milliseconds → io_seconds, 0.001). */
  scale: number;
}

/**
 * Prometheus naming for a sample: `<measurement>_<field>` made to pass promtool's lint
 * ({@link conventionalName}: snake case, base units, `_total` on counters only), labels
 * from {@link seriesName} with valid names, sorted. `counter` says whether the catalogue (or the
 * sample) calls it a counter.
 */
export function prometheusSeries(sample: Sample, options: LabelMappingOptions, counter: boolean): PrometheusSeries {
  const series = seriesName(sample, options);
  const { name, scale } = conventionalName(prometheusName(`${series.measurement}_${series.field}`), counter);
  const labels = Object.keys(series.labels)
    .map((key): [string, string] => [prometheusLabelName(key), series.labels[key] ?? ''])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { name, labels, counter, scale };
}

/**
 * The option block every label-based handler takes: `templates` (per collector path, a label
 * template for its short names) and `host_label`. `what` names the backend's word for a label
 * (label, tag, attribute) in the descriptions.
 */
export function labelOptions(what: 'label' | 'tag' | 'attribute', example = 'cpu: cpu.field*') {
  return {
    templates: option.stringMap(
      `Per collector path, a label template for its short names (e.g. \`${example}\`); default: ${what}s from the sample's dimensions.`,
    ),
    host_label: option.string('host', `${what[0]!.toUpperCase()}${what.slice(1)} that carries the sample's host; empty leaves it out.`),
  };
}

import { seriesName, type LabelMappingOptions, type MetricSpec, type Sample } from '@spinel/sdk';

/** The OTLP metrics data model, as much of it as samples need. */
export interface Attribute {
  key: string;
  value: string;
}

export interface DataPoint {
  attributes: Attribute[];
  /** Milliseconds since the epoch (encoded as nanoseconds). */
  startTimeMs: number;
  timeMs: number;
  value: number;
}

export interface OtlpMetric {
  name: string;
  description: string;
  unit: string;
  kind: 'gauge' | 'sum';
  points: DataPoint[];
}

export interface ResourceGroup {
  attributes: Attribute[];
  metrics: OtlpMetric[];
}

export interface ModelOptions {
  mapping: LabelMappingOptions;
  /** Extra resource attributes from the config. */
  resource: Readonly<Record<string, string>>;
  describe(sample: Sample): MetricSpec | undefined;
  /** Start of cumulative sums: when the agent started counting (ms). */
  startTimeMs: number;
  scope: { name: string; version: string };
}

const OS_TYPES: Readonly<Record<string, string>> = { linux: 'linux', darwin: 'darwin', win32: 'windows', freebsd: 'freebsd', openbsd: 'openbsd', sunos: 'solaris', aix: 'aix' };

/**
 * Groups samples by host (one resource each, `host.name` and `os.type`) and by metric name
 * (`<measurement>.<field>`, labels as data point attributes). Counters become monotonic
 * cumulative sums starting when the agent started; everything else a gauge.
 */
export function toResourceGroups(batch: readonly Sample[], options: ModelOptions): ResourceGroup[] {
  const byHost = new Map<string, { group: ResourceGroup; byName: Map<string, OtlpMetric> }>();
  for (const sample of batch) {
    if (!Number.isFinite(sample.value)) continue; // OTLP/JSON cannot carry NaN or infinities
    const host = sample.host ?? '';
    let entry = byHost.get(host);
    if (!entry) {
      const attributes: Attribute[] = [
        { key: 'service.name', value: 'spinel' },
        { key: 'os.type', value: OS_TYPES[process.platform] ?? process.platform },
      ];
      if (host) attributes.push({ key: 'host.name', value: host });
      for (const [key, value] of Object.entries(options.resource)) attributes.push({ key, value });
      byHost.set(host, (entry = { group: { attributes, metrics: [] }, byName: new Map() }));
    }
    const series = seriesName(sample, { ...options.mapping, hostLabel: '' });
    const name = `${series.measurement}.${series.field}`;
    const spec = options.describe(sample);
    const kind = (spec?.type ?? sample.type) === 'counter' ? 'sum' : 'gauge';
    let metric = entry.byName.get(name);
    if (!metric) {
      metric = { name, description: spec?.description ?? '', unit: spec?.unit ?? '', kind, points: [] };
      entry.byName.set(name, metric);
      entry.group.metrics.push(metric);
    }
    const timeMs = Math.round(sample.timestamp * 1000);
    metric.points.push({
      attributes: Object.entries(series.labels).map(([key, value]) => ({ key, value })),
      startTimeMs: kind === 'sum' ? Math.min(options.startTimeMs, timeMs) : 0,
      timeMs,
      value: sample.value,
    });
  }
  return [...byHost.values()].map((e) => e.group);
}

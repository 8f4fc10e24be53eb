import type { MetricSpec, Sample } from '@spinel/sdk';
import { SeriesCache, seriesName, type LabelMappingOptions } from '@spinel/plugin-kit';

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

const OS_TYPES: Readonly<Record<string, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  sunos: 'solaris',
  aix: 'aix',
};

interface SeriesShape {
  name: string;
  kind: 'gauge' | 'sum';
  unit: string;
  description: string;
  attributes: Attribute[];
}

/** Per series: metric name, kind, unit, description and data point attributes, computed once, bounded. */
export function otlpSeriesCache(options: Pick<ModelOptions, 'mapping' | 'describe'>): SeriesCache<SeriesShape> {
  return new SeriesCache((sample) => {
    const series = seriesName(sample, { ...options.mapping, hostLabel: '' });
    const spec = options.describe(sample);
    return {
      name: `${series.measurement}.${series.field}`,
      kind: (spec?.type ?? sample.type) === 'counter' ? 'sum' : 'gauge',
      unit: spec?.unit ?? '',
      description: spec?.description ?? '',
      attributes: Object.entries(series.labels).map(([key, value]) => ({ key, value })),
    };
  });
}

/**
 * Groups samples by host (one resource each, `host.name` and `os.type`) and by metric name
 * (`<measurement>.<field>`, labels as data point attributes). Counters become monotonic
 * cumulative sums starting when the agent started; everything else a gauge.
 */
export function toResourceGroups(batch: readonly Sample[], options: ModelOptions, cache = otlpSeriesCache(options)): ResourceGroup[] {
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
    const shape = cache.get(sample);
    let metric = entry.byName.get(shape.name);
    if (!metric) {
      metric = { name: shape.name, description: shape.description, unit: shape.unit, kind: shape.kind, points: [] };
      entry.byName.set(shape.name, metric);
      entry.group.metrics.push(metric);
    }
    const timeMs = Math.round(sample.timestamp * 1000);
    metric.points.push({
      attributes: shape.attributes,
      startTimeMs: shape.kind === 'sum' ? Math.min(options.startTimeMs, timeMs) : 0,
      timeMs,
      value: sample.value,
    });
  }
  return [...byHost.values()].map((e) => e.group);
}

import type { MetricSpec, Sample } from '@spinel/sdk';
import { prometheusSeries, SeriesCache, type LabelMappingOptions } from '@spinel/plugin-kit';
import snappy from 'snappyjs';
import { encodeWriteRequest, type WriteSeries } from './protobuf.js';

interface Building {
  labels: Array<[string, string]>;
  samples: Array<{ value: number; timestampMs: number }>;
}

interface SeriesLabels {
  labels: Array<[string, string]>;
  key: string;
  /** The name says a base unit: the value times this. */
  scale: number;
}

/** Per series, its sorted label set (with `__name__`), computed once and kept bounded. */
export function seriesLabelCache(mapping: LabelMappingOptions, describe: (sample: Sample) => MetricSpec | undefined): SeriesCache<SeriesLabels> {
  return new SeriesCache((sample) => {
    const series = prometheusSeries(sample, mapping, (describe(sample)?.type ?? sample.type) === 'counter');
    const labels: Array<[string, string]> = [['__name__', series.name], ...series.labels.filter(([, v]) => v !== '')];
    labels.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { labels, key: labels.map(([k, v]) => `${k}\u0000${v}`).join('\u0001'), scale: series.scale };
  });
}

/** Groups samples into series (labels sorted, `__name__` first by sort order) with samples in time order. */
export function toWriteSeries(
  batch: readonly Sample[],
  mapping: LabelMappingOptions,
  describe: (sample: Sample) => MetricSpec | undefined,
  cache = seriesLabelCache(mapping, describe),
): WriteSeries[] {
  const bySeries = new Map<string, Building>();
  for (const sample of batch) {
    const { labels, key, scale } = cache.get(sample);
    let building = bySeries.get(key);
    if (!building) bySeries.set(key, (building = { labels, samples: [] }));
    building.samples.push({ value: sample.value * scale, timestampMs: Math.round(sample.timestamp * 1000) });
  }
  const out: WriteSeries[] = [];
  for (const building of bySeries.values()) {
    building.samples.sort((a, b) => a.timestampMs - b.timestampMs);
    out.push(building);
  }
  return out;
}

/** WriteRequest bytes, snappy block-compressed as remote write requires. */
export function encodeBody(series: readonly WriteSeries[]): Buffer {
  const raw = encodeWriteRequest(series);
  return Buffer.from(snappy.compress(raw));
}

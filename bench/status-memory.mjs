// What the status page's memory costs: the metric browser's SeriesStore full (series_max paths
// of series_points values each, the defaults and a larger setting) and the hour of chart history,
// measured as the heap plus ArrayBuffers after GC before and after filling them.
import { encodeBatch, forceGc, HistorySet, SeriesStore, statusSchema } from '@spinel/core';
import { fmt, table } from './lib.mjs';

// Heap plus ArrayBuffers: each series' values live in Float64Arrays, outside the V8 heap.
const heap = () => {
  forceGc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function fillSeries(store, maxSeries, points) {
  const names = Array.from({ length: maxSeries }, (_, i) => `collector${i % 20}.metric_${i}.value`);
  for (let round = 0; round < points; round++) {
    store.record(
      encodeBatch(
        'bench',
        'host',
        names.map((name, i) => ({
          path: `servers.host.${name}`,
          name,
          value: i + round,
          timestamp: 1_700_000_000 + round,
          type: 'gauge',
          precision: 2,
          dimensions: undefined,
        })),
      ),
    );
  }
}

// The store allocates its values up front: memory when created (empty) and when full.
const rows = [['what', 'setting', 'created, empty (MB)', 'full (MB)', 'bytes per value, full']];
for (const [maxSeries, points] of [
  [statusSchema.series_max.default, statusSchema.series_points.default],
  [5000, 120],
]) {
  const before = heap();
  const store = new SeriesStore(maxSeries, points, 3_600_000);
  const empty = heap() - before;
  fillSeries(store, maxSeries, points);
  const used = heap() - before;
  rows.push([
    'metric browser series',
    `series_max ${maxSeries}, series_points ${points}`,
    fmt(empty / 1e6, 2),
    fmt(used / 1e6, 2),
    fmt(used / (maxSeries * points), 1),
  ]);
  if (store.size !== maxSeries) throw new Error(`expected ${maxSeries} series, held ${store.size}`);
}
{
  const before = heap();
  const sets = ['heap', 'external', 'queue', 'duration'].map(() => new HistorySet(240));
  for (const set of sets) for (let line = 0; line < 30; line++) for (let p = 0; p < 240; p++) set.push(`line${line}`, p * 15_000, p);
  const used = heap() - before;
  rows.push(['chart history', '4 charts x 30 lines x 240 points (an hour at 15 s)', '', fmt(used / 1e6, 2), fmt(used / (4 * 30 * 240), 1)]);
  void sets;
}
console.log('\nStatus page memory (heap plus ArrayBuffers after GC, filled vs empty)');
console.log(table(rows));

import type { Catalogue, MetricSpec } from '@spinel/sdk';

// Counters are told apart by name: OpenMetrics requires `_total` on counters (and the collector
// adds it to a text-format counter without one), histograms and summaries end their cumulative
// series in `_count`, `_sum` and `_bucket`. Everything else is published as it is.
const cumulative = ['total', 'count', 'sum', 'bucket'].flatMap((suffix): MetricSpec[] => [
  {
    name: `{series*}_${suffix}`,
    type: 'rate',
    unit: 'per second',
    description: `A series ending in \`_${suffix}\` (a counter, or a histogram's or summary's cumulative series): its change per second, from the second scrape.`,
  },
  { name: `{series*}_${suffix}.{labels*}`, type: 'rate', unit: 'per second', description: `The same, followed by its label values.` },
]);

export const catalogue: Catalogue = [
  ...cumulative,
  {
    name: '{series*}',
    type: 'gauge',
    unit: 'value',
    description:
      'A gauge, untyped or info metric, or a summary quantile, as scraped: `<metric>.<label values in label-name order>` (or its template path), its labels as dimensions.',
  },
];

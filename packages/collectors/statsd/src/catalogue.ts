import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: '_listener.lines', type: 'gauge', unit: 'lines', description: 'Metric lines received in the interval.' },
  { name: '_listener.malformed', type: 'gauge', unit: 'lines', description: 'Lines received in the interval that were not StatsD (skipped).' },
  { name: '_listener.series', type: 'gauge', unit: 'series', description: 'Series kept (bounded by max_series).' },
  { name: '_listener.evicted', type: 'gauge', unit: 'series', description: 'Series dropped in the interval after series_ttl without a line.' },
  {
    name: '_listener.overflow',
    type: 'gauge',
    unit: 'lines',
    description:
      'Lines in the interval for new series past max_series: counters and timers summed into `_overflow.counters` and `_overflow.timers`, gauges and sets only counted.',
  },
  {
    name: '_listener.connections',
    type: 'gauge',
    unit: 'connections',
    description: 'TCP clients connected at the end of the interval (bounded by max_connections).',
  },
  { name: '_listener.refused', type: 'gauge', unit: 'connections', description: 'TCP connections closed in the interval because max_connections were open.' },
  { name: '_listener.idle_closed', type: 'gauge', unit: 'connections', description: 'TCP clients closed in the interval after idle_timeout without a line.' },
  { name: '{key*}.rate', type: 'rate', unit: 'per second', description: 'A counter: its count in the interval per second (sample rates applied).' },
  {
    name: '{key*}',
    type: 'gauge',
    unit: 'value',
    description:
      "A gauge (`<key>`), a counter's count in the interval (`<key>.count`), a timer's `count`, `lower`, `upper`, `mean`, `sum` and `p<N>`, a set's `unique`; with tags, their values follow the key.",
  },
];

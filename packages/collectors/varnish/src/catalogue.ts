import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: 'MAIN.{counter}',
    type: 'gauge',
    unit: 'value',
    description:
      'A main counter of Varnish 4 and later as varnishstat gives it (cache_hit, cache_miss, client_req, n_object, threads, ...: most are running totals), one of those Diamond published.',
  },
  {
    name: '{section}.{counter}',
    type: 'gauge',
    unit: 'value',
    description: 'A counter of another section Diamond published (`SMA.s0.g_bytes`, `MGT.child_start`, ...).',
  },
  { name: '{section}.{instance}.{counter}', type: 'gauge', unit: 'value', description: 'A per-storage or per-backend counter Diamond published.' },
  { name: '{counter}', type: 'gauge', unit: 'value', description: "Varnish 3's unprefixed counters Diamond published (client_conn, cache_hit, n_wrk, ...)." },
];

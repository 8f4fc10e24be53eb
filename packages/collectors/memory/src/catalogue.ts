import type { Catalogue } from '@spinel/sdk';

/** Diamond's standard set of /proc/meminfo fields, published without `detailed`. */
export const STANDARD_FIELDS = [
  'MemTotal',
  'MemFree',
  'MemAvailable',
  'Buffers',
  'Cached',
  'Active',
  'Dirty',
  'Inactive',
  'Shmem',
  'SwapTotal',
  'SwapFree',
  'SwapCached',
  'VmallocTotal',
  'VmallocUsed',
  'VmallocChunk',
  'Committed_AS',
] as const;

const unit = 'byte_unit (default bytes)';

export const catalogue: Catalogue = [
  ...STANDARD_FIELDS.map((field) => ({ name: field, type: 'gauge' as const, unit, description: `${field} from /proc/meminfo.` })),
  { name: 'MemUsedPercentage', type: 'gauge', unit: 'percent', description: 'Share of MemTotal not available: 100 * (MemTotal - MemAvailable) / MemTotal.' },
  { name: '{field}', type: 'gauge', unit, description: 'Any other /proc/meminfo size field (only with `detailed`).', enabled: false },
];

import type { Catalogue } from '@spinel/sdk';

// The stats CSV has about 80 columns, more with each HAProxy version; they are declared by pattern.
export const catalogue: Catalogue = [
  { name: '{proxy}.{service}.scur', type: 'gauge', unit: 'sessions', description: 'Sessions open now (`service` is frontend, backend or a server name).' },
  { name: '{proxy}.{service}.stot', type: 'gauge', unit: 'sessions', description: 'Sessions since HAProxy started (a running total, as the stats give it).' },
  { name: '{proxy}.{service}.bin', type: 'gauge', unit: 'bytes', description: 'Bytes in since HAProxy started (a running total).' },
  { name: '{proxy}.{service}.bout', type: 'gauge', unit: 'bytes', description: 'Bytes out since HAProxy started (a running total).' },
  {
    name: '{proxy}.{service}.{field}',
    type: 'gauge',
    unit: 'value',
    description:
      'Any other numeric column of the stats CSV (qcur, econ, hrsp_5xx, check_duration, ...), as HAProxy gives it; text columns (status) are left out.',
  },
  { name: '{section}.{proxy}.{service}.{field}', type: 'gauge', unit: 'value', description: 'The same for an HAProxy named in `servers`, under its name.' },
];

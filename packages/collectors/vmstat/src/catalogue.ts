import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'pgfault', type: 'rate', unit: 'faults/s', description: 'Page faults (minor and major).' },
  { name: 'pgmajfault', type: 'rate', unit: 'faults/s', description: 'Major page faults (needed disk I/O).' },
  { name: 'pgpgin', type: 'rate', unit: 'KiB/s', description: 'Paged in from disk.' },
  { name: 'pgpgout', type: 'rate', unit: 'KiB/s', description: 'Paged out to disk.' },
  { name: 'pswpin', type: 'rate', unit: 'pages/s', description: 'Pages swapped in.' },
  { name: 'pswpout', type: 'rate', unit: 'pages/s', description: 'Pages swapped out.' },
  { name: '{field}', type: 'rate', unit: 'per second', description: 'Any other /proc/vmstat counter named in `fields`.', enabled: false },
];

import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: '{mount}.{unit}_used', type: 'gauge', unit: 'byte_unit', description: 'Space used: (blocks - free blocks) x block size. `/` is `root`, other mounts have `/` and `.` replaced by `_`.' },
  { name: '{mount}.{unit}_free', type: 'gauge', unit: 'byte_unit', description: 'Space free, including blocks reserved for root.' },
  { name: '{mount}.{unit}_avail', type: 'gauge', unit: 'byte_unit', description: 'Space available to unprivileged users.' },
  { name: '{mount}.inodes_used', type: 'gauge', unit: 'inodes', description: 'Inodes in use.' },
  { name: '{mount}.inodes_free', type: 'gauge', unit: 'inodes', description: 'Inodes free.' },
  { name: '{mount}.inodes_avail', type: 'gauge', unit: 'inodes', description: 'Inodes available to unprivileged users (Linux: same as free).' },
];

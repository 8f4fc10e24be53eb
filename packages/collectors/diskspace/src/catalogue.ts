import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{mount}.{unit}_percentfree',
    type: 'gauge',
    unit: 'percent',
    description: 'Free blocks as a percentage of all blocks (one per byte_unit, the same value, as Diamond publishes it).',
  },
  {
    name: '{mount}.{unit}_percentavailable',
    type: 'gauge',
    unit: 'percent',
    description: "Blocks available to unprivileged users as a percentage of all blocks (Metricly's agent added it; the share df shows as free).",
  },
  {
    name: '{mount}.{unit}_used',
    type: 'gauge',
    unit: 'byte_unit',
    description:
      'Space used: (blocks - free blocks) x block size. `/` is `root`, `/tmp` is `tmp`, other mounts have `/` and `.` replaced by `_`; a labelled filesystem is named by its label.',
  },
  { name: '{mount}.{unit}_free', type: 'gauge', unit: 'byte_unit', description: 'Space free, including blocks reserved for root.' },
  { name: '{mount}.{unit}_avail', type: 'gauge', unit: 'byte_unit', description: 'Space available to unprivileged users.' },
  {
    name: '{mount}.inodes_percentfree',
    type: 'gauge',
    unit: 'percent',
    description: 'Free inodes as a percentage of all inodes (not published for a filesystem without an inode count).',
  },
  { name: '{mount}.inodes_used', type: 'gauge', unit: 'inodes', description: 'Inodes in use.' },
  { name: '{mount}.inodes_free', type: 'gauge', unit: 'inodes', description: 'Inodes free.' },
  { name: '{mount}.inodes_avail', type: 'gauge', unit: 'inodes', description: 'Inodes available to unprivileged users (Linux: same as free).' },
];

import { BYTE_UNITS, option } from '@spinel/sdk';

export const options = {
  filesystems: option.stringList(
    ['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'zfs', 'glusterfs', 'nfs', 'nfs4', 'ntfs', 'hfs', 'fat32', 'fat16', 'vfat'],
    'Filesystem types to report (Diamond: ext2-4, xfs, glusterfs, nfs, ntfs, hfs, fat32, fat16).',
  ),
  exclude_filters: option.regexList(
    ['^/export/home'],
    'Mount points matching one of these patterns (anywhere, as Diamond searches; anchor with ^) are skipped.',
  ),
  byte_unit: option.enumList(BYTE_UNITS, ['byte'], 'Units in which sizes are published (<name>.<unit>_used, ...).'),
  simple: option.boolean(
    false,
    "Publish only the percentages of free and available space (Metricly's agent: on by default there, and `spinel config import` turns it on for a Metricly config that does not say).",
  ),
  use_labels: option.boolean(true, 'Name a filesystem by its label (/dev/disk/by-label) when it has one, as Diamond does.'),
};

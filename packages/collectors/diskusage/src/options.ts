import { BYTE_UNITS, option } from '@spinel/sdk';

export const options = {
  devices: option.string(
    'PhysicalDrive[0-9]+$|md[0-9]+$|sd[a-z]+[0-9]*$|x?vd[a-z]+[0-9]*$|disk[0-9]+$|dm-[0-9]+$|nvme[0-9]+n[0-9]+(p[0-9]+)?$|mmcblk[0-9]+(p[0-9]+)?$',
    "Regular expression (matched at the start) of the devices to report; Diamond's plus nvme and mmcblk.",
  ),
  sector_size: option.number(512, 'Bytes per sector in /proc/diskstats (always 512 on Linux).', { min: 1, integer: true }),
  send_zero: option.boolean(false, 'Publish a device even when it did no I/O during the interval.'),
  byte_unit: option.enumList(BYTE_UNITS, ['byte'], 'Units of the byte counters (reads_<unit>, read_<unit>_per_second, ...).'),
};

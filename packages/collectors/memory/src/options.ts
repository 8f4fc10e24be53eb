import { BYTE_UNITS, option } from '@spinel/sdk';

export const options = {
  byte_unit: option.enumList(BYTE_UNITS, ['byte'], 'Unit of published sizes; as in Diamond only the first is used.'),
  detailed: option.boolean(false, 'Publish every /proc/meminfo size field, not just the standard set.'),
};

import { BYTE_UNITS, option } from '@spinel/sdk';

export const options = {
  interfaces: option.stringList(
    ['eth', 'bond', 'em', 'p1p', 'eno', 'enp', 'ens', 'enx', 'wl'],
    "Interface name prefixes to collect (Diamond's, and wl for wireless).",
  ),
  greedy: option.boolean(true, 'Match any interface that starts with a prefix; false needs an exact name.'),
  byte_unit: option.enumList(BYTE_UNITS, ['bit', 'byte'], 'Units in which rx/tx traffic is published (rx_<unit>, tx_<unit>).'),
  diamond_tx_names: option.boolean(false, 'Name transmit colls/carrier/compressed as Diamond did (tx_frame/tx_compressed/tx_multicast).'),
};

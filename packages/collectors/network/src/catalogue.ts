import type { Catalogue } from '@spinel/sdk';

const counters: Array<[string, string, string]> = [
  ['rx_packets', 'packets/s', 'Packets received.'],
  ['rx_errors', 'errors/s', 'Receive errors.'],
  ['rx_drop', 'packets/s', 'Received packets dropped.'],
  ['rx_fifo', 'errors/s', 'Receive FIFO overruns.'],
  ['rx_frame', 'errors/s', 'Receive framing errors.'],
  ['rx_compressed', 'packets/s', 'Compressed packets received.'],
  ['rx_multicast', 'packets/s', 'Multicast packets received.'],
  ['tx_packets', 'packets/s', 'Packets sent.'],
  ['tx_errors', 'errors/s', 'Transmit errors.'],
  ['tx_drop', 'packets/s', 'Packets dropped on transmit.'],
  ['tx_fifo', 'errors/s', 'Transmit FIFO overruns.'],
  ['tx_colls', 'collisions/s', 'Collisions.'],
  ['tx_carrier', 'errors/s', 'Carrier losses.'],
  ['tx_compressed', 'packets/s', 'Compressed packets sent.'],
];

export const catalogue: Catalogue = [
  {
    name: '{interface}.rx_{unit}',
    type: 'rate',
    unit: 'byte_unit/s',
    description: 'Traffic received, in each `byte_unit` (rx_bit, rx_byte, rx_megabyte, ...).',
  },
  { name: '{interface}.tx_{unit}', type: 'rate', unit: 'byte_unit/s', description: 'Traffic sent, in each `byte_unit`.' },
  ...counters.map(([name, unit, description]) => ({ name: `{interface}.${name}`, type: 'rate' as const, unit, description })),
  {
    name: '{interface}.tx_multicast',
    type: 'rate',
    unit: 'packets/s',
    description: "Compressed packets sent, under Diamond's name (only with `diamond_tx_names`).",
    enabled: false,
  },
];

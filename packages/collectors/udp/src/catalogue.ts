import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'InDatagrams', type: 'rate', unit: 'datagrams/s', description: 'Datagrams delivered to sockets.' },
  { name: 'NoPorts', type: 'rate', unit: 'datagrams/s', description: 'Datagrams to a port nobody listens on.' },
  { name: 'InErrors', type: 'rate', unit: 'datagrams/s', description: 'Datagrams not delivered for other reasons.' },
  { name: 'OutDatagrams', type: 'rate', unit: 'datagrams/s', description: 'Datagrams sent.' },
  { name: 'RcvbufErrors', type: 'rate', unit: 'datagrams/s', description: 'Dropped: receive buffer full.' },
  { name: 'SndbufErrors', type: 'rate', unit: 'datagrams/s', description: 'Dropped: send buffer full.' },
  { name: '{counter}', type: 'rate', unit: 'per second', description: 'Any other Udp counter named in `allowed_names`.' },
  { name: 'udplite.{counter}', type: 'rate', unit: 'per second', description: 'UdpLite counters (with `udplite`).', enabled: false },
];

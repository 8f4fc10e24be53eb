import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'CurrEstab', type: 'gauge', unit: 'connections', description: 'Connections in ESTABLISHED or CLOSE-WAIT.' },
  { name: 'MaxConn', type: 'gauge', unit: 'connections', description: 'Connection limit (-1: dynamic).', enabled: false },
  { name: 'ListenOverflows', type: 'rate', unit: 'events/s', description: 'Handshakes completed but dropped: the accept queue was full.' },
  { name: 'ListenDrops', type: 'rate', unit: 'events/s', description: 'Connections not accepted (includes ListenOverflows).' },
  { name: 'TCPLoss', type: 'rate', unit: 'events/s', description: 'Loss events.' },
  { name: 'TCPTimeouts', type: 'rate', unit: 'events/s', description: 'Retransmission timeouts.' },
  { name: 'ActiveOpens', type: 'rate', unit: 'connections/s', description: 'Connections opened by this host.' },
  { name: 'PassiveOpens', type: 'rate', unit: 'connections/s', description: 'Connections accepted.' },
  { name: 'InErrs', type: 'rate', unit: 'segments/s', description: 'Segments received in error.' },
  {
    name: '{counter}',
    type: 'rate',
    unit: 'per second',
    description: 'Any other /proc/net/netstat TcpExt or /proc/net/snmp Tcp counter named in `allowed_names` (or all with an empty list).',
  },
];

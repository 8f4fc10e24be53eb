import { option } from '@spinel/sdk';

export const options = {
  allowed_names: option.stringList(
    [
      'ListenOverflows',
      'ListenDrops',
      'TCPLoss',
      'TCPTimeouts',
      'TCPFastRetrans',
      'TCPLostRetransmit',
      'TCPForwardRetrans',
      'TCPSlowStartRetrans',
      'CurrEstab',
      'TCPAbortOnMemory',
      'TCPBacklogDrop',
      'AttemptFails',
      'EstabResets',
      'InErrs',
      'ActiveOpens',
      'PassiveOpens',
    ],
    'Counters to publish; an empty list publishes every TcpExt and Tcp counter.',
  ),
  gauges: option.stringList(['CurrEstab', 'MaxConn'], 'Names published as their value (gauges) rather than as per-second rates.'),
};

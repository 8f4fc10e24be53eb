import { option } from '@spinel/sdk';

export const options = {
  allowed_names: option.stringList(
    ['InDatagrams', 'NoPorts', 'InErrors', 'OutDatagrams', 'RcvbufErrors', 'SndbufErrors', 'InCsumErrors'],
    'Udp counters to publish; an empty list publishes all.',
  ),
  udplite: option.boolean(false, 'Also publish UdpLite counters, as udplite.<name>.'),
};

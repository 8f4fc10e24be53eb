import { option } from '@spinel/sdk';

export const options = {
  host: option.string('127.0.0.1', 'Carbon host.'),
  port: option.number(0, 'Carbon port; 0 means 2003 for tcp and udp, 2004 for pickle.', { min: 0, max: 65535, integer: true }),
  proto: option.enum(['tcp', 'udp', 'pickle'], 'tcp', 'Plaintext over TCP or UDP, or the pickle protocol over TCP.'),
  batch: option.number(1000, "Lines per socket write within one delivery (Diamond's `batch`); how many samples a delivery holds is the common `batch_size`.", {
    min: 1,
    integer: true,
  }),
  timeout: option.number(15, 'Seconds to connect and to write a batch before the attempt fails.', { min: 0.1 }),
  keepalive: option.boolean(false, 'Enable TCP keep-alive on the connection.'),
  keepaliveinterval: option.number(10, 'Seconds of idle before keep-alive probes.', { min: 1 }),
  udp_payload: option.number(1400, 'Largest UDP datagram in bytes (lines are never split).', { min: 512, max: 65507, integer: true }),
};

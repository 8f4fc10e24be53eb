import { defineHandler, plaintextLines } from '@spinel/sdk';
import { TcpConnection, UdpSender } from '@spinel/net';
import { picklePayload, udpPayloads } from './encode.js';
import { options } from './options.js';

export default defineHandler({
  name: 'graphite',
  description: "Ships samples to carbon: plaintext over TCP or UDP, or pickle (Diamond's GraphiteHandler and GraphitePickleHandler).",
  options,
  create(ctx) {
    const { host, proto, batch: batchSize, timeout } = ctx.options;
    const port = ctx.options.port || (proto === 'pickle' ? 2004 : 2003);
    if (proto === 'udp') {
      const udp = new UdpSender(host, port);
      return {
        async process(batch) {
          for (const payload of udpPayloads(batch, ctx.options.udp_payload)) await udp.send(payload);
        },
        close: () => udp.close(),
      };
    }
    // Whisper keeps one value per timestamp: resending the last 10 s after a lost connection is harmless.
    const tcp = new TcpConnection({
      label: 'graphite',
      host,
      port,
      timeoutSeconds: timeout,
      keepAliveSeconds: ctx.options.keepalive ? ctx.options.keepaliveinterval : undefined,
      resendWindowSeconds: 10,
    });
    return {
      async process(batch) {
        for (let at = 0; at < batch.length; at += batchSize) {
          const chunk = batch.slice(at, at + batchSize);
          await tcp.write(proto === 'pickle' ? picklePayload(chunk) : Buffer.from(plaintextLines(chunk)));
        }
      },
      close: () => tcp.close(),
    };
  },
});

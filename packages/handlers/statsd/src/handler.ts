import { TcpConnection, UdpSender } from '@spinel/net';
import { defineHandler } from '@spinel/sdk';
import { packets, StatsdEncoder, type TagStyle } from './encode.js';
import { options } from './options.js';

export default defineHandler({
  name: 'statsd',
  description: 'Ships samples to StatsD over UDP or TCP (gauges, counters as increments, optional DogStatsD tags).',
  options,
  create(ctx) {
    const o = ctx.options;
    const encoder = new StatsdEncoder(o.tags as TagStyle, o.prefix, o.max_counters, o.counter_ttl, ctx.now);
    if (o.protocol === 'udp') {
      const udp = new UdpSender(o.host, o.port);
      return {
        async process(batch) {
          const { lines, commit } = encoder.encode(batch);
          for (const packet of packets(lines, o.max_packet)) await udp.send(packet);
          commit();
        },
        close: () => udp.close(),
      };
    }
    // No resend window: a repeated counter increment would count twice.
    const tcp = new TcpConnection({ label: 'statsd', host: o.host, port: o.port, timeoutSeconds: o.timeout });
    return {
      async process(batch) {
        const { lines, commit } = encoder.encode(batch);
        if (lines.length > 0) await tcp.write(Buffer.from(`${lines.join('\n')}\n`));
        commit();
      },
      close: () => tcp.close(),
    };
  },
});

import { defineCollector, readOptionalFile, type CollectContext } from '@spinel/sdk';
import { catalogue, checks } from './catalogue.js';
import { options } from './options.js';
import { listeningPorts } from './sockets.js';

/** Listening ports over IPv4 and IPv6 of one protocol; a table the kernel lacks (no IPv6) adds none. */
async function portsOf(ctx: CollectContext<typeof options>, protocol: 'tcp' | 'udp'): Promise<Set<number>> {
  const ports = new Set<number>();
  for (const table of [protocol, `${protocol}6`]) {
    const file = ctx.procfs('net', table);
    const text = await readOptionalFile(file, ctx.signal);
    if (text !== undefined) for (const port of listeningPorts(text, file, protocol)) ports.add(port);
  }
  return ports;
}

export default defineCollector({
  name: 'portcheck',
  description: "Check-ins for the ports something listens on, from /proc/net: Metricly raises an alarm when a service stops listening (the Metricly agent's PortCheckCollector). Publishes no metrics.",
  path: 'port',
  options,
  catalogue,
  checks,
  defaultWorker: 'system',
  async collect(ctx) {
    const rules = Object.entries(ctx.options.port);
    const protocols = new Set(rules.map(([, rule]) => rule.protocol));
    const listening = new Map<string, Set<number>>();
    for (const protocol of protocols) listening.set(protocol, await portsOf(ctx, protocol));
    for (const [name, rule] of rules) {
      if (listening.get(rule.protocol)?.has(rule.number)) ctx.check(`${name}.${rule.number}`, ctx.options.ttl);
    }
  },
});

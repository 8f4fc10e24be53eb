import { defineCollector, MalformedFileError, parseHeaderValueTables, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

export default defineCollector({
  name: 'tcp',
  description: 'TCP counters from /proc/net/netstat and /proc/net/snmp (Diamond TCPCollector).',
  path: 'tcp',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const metrics = new Map<string, number>();
    // Diamond reads the TcpExt table of netstat and the Tcp table of snmp.
    for (const [file, label] of [
      [ctx.procfs('net', 'netstat'), 'TcpExt'],
      [ctx.procfs('net', 'snmp'), 'Tcp'],
    ] as const) {
      const text = await readOptionalFile(file, ctx.signal);
      const table = text === undefined ? undefined : parseHeaderValueTables(text, file).get(label);
      if (text !== undefined && !table && label === 'Tcp') throw new MalformedFileError(file, 'a "Tcp:" header and value line');
      for (const [name, value] of table ?? []) metrics.set(name, value);
    }
    const allowed = new Set(ctx.options.allowed_names);
    const gauges = new Set(ctx.options.gauges);
    for (const [name, value] of metrics) {
      if (allowed.size > 0 && !allowed.has(name)) continue;
      if (gauges.has(name)) {
        ctx.publish(name, value);
        continue;
      }
      // Diamond's publish_counter: a rate with no wrap (max 0), negative results clamped.
      ctx.publishRate(name, value, { precision: 0, derivative: { max: 0 } });
    }
  },
});

import { defineCollector, MalformedFileError, parseHeaderValueTables, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

export default defineCollector({
  name: 'udp',
  description: 'UDP counters from /proc/net/snmp as per-second rates (Diamond UDPCollector).',
  path: 'udp',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('net', 'snmp');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const tables = parseHeaderValueTables(text, file);
    if (!tables.has('Udp')) throw new MalformedFileError(file, 'a "Udp:" header and value line');
    const allowed = new Set(ctx.options.allowed_names);
    const sources: Array<[string, string]> = [['Udp', '']];
    if (ctx.options.udplite) sources.push(['UdpLite', 'udplite.']);
    for (const [label, prefix] of sources) {
      for (const [name, value] of tables.get(label) ?? []) {
        if (allowed.size > 0 && !allowed.has(name)) continue;
        ctx.publishRate(prefix + name, value, { precision: 0, derivative: { max: 0 } });
      }
    }
  },
});

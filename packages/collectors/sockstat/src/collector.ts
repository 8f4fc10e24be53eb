import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

/** `TCP: inuse 10 orphan 0 tw 1` -> { TCP: { inuse: 10, orphan: 0, tw: 1 } } */
function parseSockstat(text: string, file: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const words = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    const fields = new Map<string, number>();
    for (let i = 0; i + 1 < words.length; i += 2) {
      const value = Number(words[i + 1]);
      if (!Number.isFinite(value)) throw new MalformedFileError(file, `"<PROTO>: <name> <count> ..." lines, found ${JSON.stringify(line.slice(0, 80))}`);
      fields.set(words[i] ?? '', value);
    }
    out.set(line.slice(0, colon), fields);
  }
  return out;
}

export default defineCollector({
  name: 'sockstat',
  description: 'Socket counts from /proc/net/sockstat and sockstat6 (Diamond SockstatCollector).',
  path: 'sockets',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const v4File = ctx.procfs('net', 'sockstat');
    const v4Text = await readOptionalFile(v4File, ctx.signal);
    if (v4Text === undefined) return;
    const v6File = ctx.procfs('net', 'sockstat6');
    const v6Text = await readOptionalFile(v6File, ctx.signal);
    const v4 = parseSockstat(v4Text, v4File);
    const v6 = v6Text === undefined ? new Map<string, Map<string, number>>() : parseSockstat(v6Text, v6File);
    const get = (table: Map<string, Map<string, number>>, proto: string, field: string): number | undefined => table.get(proto)?.get(field);
    const used = get(v4, 'sockets', 'used');
    if (used === undefined) throw new MalformedFileError(v4File, 'a "sockets: used <count>" line');
    ctx.publish('used', used);
    // Diamond counts IPv4 and IPv6 sockets together.
    for (const [proto, fields] of [
      ['TCP', ['inuse', 'orphan', 'tw', 'alloc', 'mem']],
      ['UDP', ['inuse', 'mem']],
    ] as const) {
      for (const field of fields) {
        const v4Value = get(v4, proto, field);
        if (v4Value === undefined) continue;
        ctx.publish(`${proto.toLowerCase()}_${field}`, v4Value + (field === 'inuse' ? (get(v6, `${proto}6`, field) ?? 0) : 0));
      }
    }
  },
});

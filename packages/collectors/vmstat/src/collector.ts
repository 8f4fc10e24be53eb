import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

export default defineCollector({
  name: 'vmstat',
  description: 'Paging and swapping rates from /proc/vmstat (Diamond VMStatCollector).',
  path: 'vmstat',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('vmstat');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const wanted = new Set(ctx.options.fields);
    let found = 0;
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0) continue;
      const name = line.slice(0, space);
      if (!wanted.has(name)) continue;
      found++;
      const value = Number(line.slice(space + 1));
      if (!Number.isFinite(value)) throw new MalformedFileError(file, `"<name> <counter>" lines, found ${JSON.stringify(line.slice(0, 80))}`);
      ctx.publishRate(name, value);
    }
    if (found === 0 && wanted.size > 0) throw new MalformedFileError(file, `"<name> <counter>" lines for ${ctx.options.fields.join(', ')}`);
  },
});

import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

export default defineCollector({
  name: 'uptime',
  description: 'Seconds since boot from /proc/uptime.',
  path: 'uptime',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('uptime');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const match = /^([\d.]+)\s+([\d.]+)/.exec(text.trim());
    if (!match) throw new MalformedFileError(file, `"<uptime seconds> <idle seconds>", found ${JSON.stringify(text.slice(0, 80))}`);
    ctx.publish('seconds', Number(match[1]), { precision: 2 });
    ctx.publish('idle_seconds', Number(match[2]), { precision: 2 });
  },
});

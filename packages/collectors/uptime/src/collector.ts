import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

const SECONDS_PER = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 } as const;

export default defineCollector({
  name: 'uptime',
  description: 'Time since boot from /proc/uptime, in minutes as Diamond (metric_name), and in seconds.',
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
    const seconds = Number(match[1]);
    const unit = ctx.options.metric_name;
    if (unit !== 'seconds') ctx.publish(unit, seconds / SECONDS_PER[unit], { precision: 6 });
    ctx.publish('seconds', seconds, { precision: 2 });
    ctx.publish('idle_seconds', Number(match[2]), { precision: 2 });
  },
});

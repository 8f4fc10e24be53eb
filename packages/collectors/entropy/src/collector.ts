import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

export default defineCollector({
  name: 'entropy',
  description: 'Available entropy from /proc/sys/kernel/random/entropy_avail (Diamond EntropyStatCollector).',
  path: 'entropy',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('sys', 'kernel', 'random', 'entropy_avail');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(value)) throw new MalformedFileError(file, `a whole number, found ${JSON.stringify(text.slice(0, 40))}`);
    ctx.publish('available', value);
  },
});

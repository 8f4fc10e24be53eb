import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

export default defineCollector({
  name: 'softirq',
  description: 'Soft interrupt rates from the softirq line of /proc/stat (Diamond SoftInterruptCollector).',
  path: 'softirq',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('stat');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const line = text.split('\n').find((l) => l.startsWith('softirq '));
    if (line === undefined) return;
    const [total, ...kinds] = line.trim().split(/\s+/).slice(1);
    if (total === undefined || ![total, ...kinds].every((v) => /^\d+$/.test(v)))
      throw new MalformedFileError(file, `"softirq <total> <count>..." with whole numbers, found ${JSON.stringify(line.slice(0, 80))}`);
    // Diamond publishes each rate truncated to an integer.
    const publish = (name: string, count: string): void => {
      const rate = ctx.derivative(name, Number(count), { max: 0 });
      if (rate !== undefined) ctx.publish(name, Math.trunc(rate), { type: 'rate' });
    };
    publish('total', total);
    kinds.forEach((count, index) => {
      publish(String(index), count);
    });
  },
});

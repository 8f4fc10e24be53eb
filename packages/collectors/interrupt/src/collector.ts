import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { parseRow, rowPath } from './names.js';
import { options } from './options.js';

/** A count as Diamond reads it (`long(value)`): digits only. */
function count(text: string, file: string, label: string): number {
  if (!/^\d+$/.test(text)) throw new MalformedFileError(file, `counts for IRQ ${label}, found ${JSON.stringify(text)}`);
  return Number(text);
}

export default defineCollector({
  name: 'interrupt',
  description: 'Interrupt rates per IRQ and per CPU from /proc/interrupts (Diamond InterruptCollector).',
  path: 'interrupts',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('interrupts');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const [header = '', ...lines] = text.split('\n');
    const cpus = header
      .trim()
      .split(/\s+/)
      .filter((c) => /^CPU\d+$/.test(c)).length;
    if (cpus === 0) throw new MalformedFileError(file, `a header of CPU columns, found ${JSON.stringify(header.slice(0, 80))}`);
    for (const line of lines) {
      if (line.trim() === '') continue;
      const row = parseRow(line, cpus);
      if (row.counts.length === 1 && row.description.length === 0) {
        // ERR and MIS: one system-wide count, published under the label alone.
        ctx.publishRate(row.label, count(row.counts[0] ?? '', file, row.label), { precision: 0, dimensions: { irq: row.label }, derivative: { max: 0 } });
        continue;
      }
      const path = rowPath(row, cpus, ctx.options.irq_names);
      let total = 0;
      let rated = false;
      row.counts.forEach((text, cpu) => {
        // Diamond publishes each CPU's rate truncated to an integer and totals those.
        const rate = ctx.derivative(`${path}.CPU${cpu}`, count(text, file, row.label), { max: 0 });
        if (rate === undefined) return;
        rated = true;
        total += Math.trunc(rate);
        if (ctx.options.percpu) ctx.publish(`${path}.CPU${cpu}`, Math.trunc(rate), { type: 'rate', dimensions: { irq: row.label, cpu: `CPU${cpu}` } });
      });
      if (rated) ctx.publish(`${path}.total`, total, { type: 'rate', dimensions: { irq: row.label } });
    }
  },
});

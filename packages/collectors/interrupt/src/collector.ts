import { defineCollector, MalformedFileError, readOptionalFile, sanitizePathSegment } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

export default defineCollector({
  name: 'interrupt',
  description: 'Interrupt rates per IRQ (and per CPU) from /proc/interrupts (Diamond InterruptCollector).',
  path: 'interrupts',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('interrupts');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const [header = '', ...rows] = text.split('\n');
    const cpus = header.trim().split(/\s+/).filter((c) => /^CPU\d+$/.test(c));
    if (cpus.length === 0) throw new MalformedFileError(file, `a header of CPU columns, found ${JSON.stringify(header.slice(0, 80))}`);
    for (const row of rows) {
      const colon = row.indexOf(':');
      if (colon < 0) continue;
      const irq = row.slice(0, colon).trim();
      const fields = row.slice(colon + 1).trim().split(/\s+/);
      const counts = fields.slice(0, cpus.length).map(Number);
      if (counts.some((c) => !Number.isFinite(c))) {
        // ERR and MIS have a single count; anything else short is malformed.
        if (!/^(ERR|MIS)$/.test(irq)) throw new MalformedFileError(file, `${cpus.length} counts for IRQ ${irq}`);
      }
      const device = fields.slice(cpus.length).pop();
      const name = sanitizePathSegment(/^\d+$/.test(irq) && device ? `${irq}_${device}` : irq);
      const known = counts.filter((c) => Number.isFinite(c));
      ctx.publishRate(`${name}.total`, known.reduce((a, b) => a + b, 0), { precision: 0, dimensions: { irq: name }, derivative: { max: 0 } });
      if (!ctx.options.percpu) continue;
      counts.forEach((count, index) => {
        if (!Number.isFinite(count)) return;
        const cpu = cpus[index] ?? `CPU${index}`;
        ctx.publishRate(`${name}.${cpu}`, count, { precision: 0, dimensions: { irq: name, cpu }, derivative: { max: 0 } });
      });
    }
  },
});

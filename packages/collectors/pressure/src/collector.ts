import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

const LINE = /^(some|full) avg10=([\d.]+) avg60=([\d.]+) avg300=([\d.]+) total=(\d+)$/;

export default defineCollector({
  name: 'pressure',
  description: 'Pressure stall information (PSI) from /proc/pressure/{cpu,memory,io}; kernels 4.20+.',
  path: 'pressure',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    for (const resource of ctx.options.resources) {
      const file = ctx.procfs('pressure', resource);
      const text = await readOptionalFile(file, ctx.signal);
      // Kernels without PSI (or with psi=0) have no such file: nothing to publish.
      if (text === undefined) continue;
      if (!text.startsWith('some ')) throw new MalformedFileError(file, 'a "some avg10=..." first line');
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const match = LINE.exec(line.trim());
        if (!match) throw new MalformedFileError(file, `"some|full avg10=.. avg60=.. avg300=.. total=.." lines, found ${JSON.stringify(line.slice(0, 80))}`);
        const [, kind = '', avg10, avg60, avg300, total] = match;
        const prefix = `${resource}.${kind}`;
        const dimensions = { resource, kind };
        ctx.publish(`${prefix}.avg10`, Number(avg10), { precision: 2, dimensions });
        ctx.publish(`${prefix}.avg60`, Number(avg60), { precision: 2, dimensions });
        ctx.publish(`${prefix}.avg300`, Number(avg300), { precision: 2, dimensions });
        const stall = ctx.derivative(`${prefix}.total`, Number(total), { max: 0 });
        if (stall !== undefined) ctx.publish(`${prefix}.stall_us`, stall, { type: 'rate', precision: 1, dimensions });
      }
    }
  },
});

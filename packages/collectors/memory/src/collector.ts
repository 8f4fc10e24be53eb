import { convertBytes, defineCollector, MalformedFileError, parseByteUnit, readOptionalFile } from '@spinel/sdk';
import { catalogue, STANDARD_FIELDS } from './catalogue.js';
import { options } from './options.js';

const STANDARD = new Set<string>(STANDARD_FIELDS);

/** `Name:   value kB` lines; unit-less lines (HugePages_Total) are counts, not sizes. */
function parseMeminfo(text: string, file: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z0-9_()]+):\s+(\d+)\s+(\S+)\s*$/.exec(line);
    if (!match) continue;
    const [, name = '', digits = '', unitName = ''] = match;
    const unit = parseByteUnit(unitName);
    if (!unit) throw new MalformedFileError(file, `sizes in kB, found ${JSON.stringify(line.trim())}`);
    sizes.set(name, convertBytes(Number(digits), unit, 'byte'));
  }
  if (!sizes.has('MemTotal')) throw new MalformedFileError(file, 'a MemTotal line');
  return sizes;
}

export default defineCollector({
  name: 'memory',
  description: 'Memory and swap sizes from /proc/meminfo (Diamond MemoryCollector).',
  path: 'memory',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('meminfo');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const sizes = parseMeminfo(text, file);
    const unit = ctx.options.byte_unit[0] ?? 'byte';
    for (const [name, bytes] of sizes) {
      if (!ctx.options.detailed && !STANDARD.has(name)) continue;
      ctx.publish(name, convertBytes(bytes, 'byte', unit), { precision: unit === 'byte' ? 0 : 2 });
    }
    const total = sizes.get('MemTotal');
    // Kernels before 3.14 lack MemAvailable; estimate it the way free(1) did then.
    const available = sizes.get('MemAvailable') ?? (sizes.get('MemFree') ?? 0) + (sizes.get('Buffers') ?? 0) + (sizes.get('Cached') ?? 0);
    if (total !== undefined && total > 0) ctx.publish('MemUsedPercentage', (100 * (total - available)) / total, { precision: 2 });
  },
});

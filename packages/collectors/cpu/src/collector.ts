import { stat } from 'node:fs/promises';
import { defineCollector, MalformedFileError, readOptionalFile, MAX_COUNTER } from '@spinel/sdk';
import { catalogue, CPU_STATES } from './catalogue.js';
import { options } from './options.js';

interface CpuLine {
  cpu: string;
  values: number[];
}

function parseStat(text: string, file: string): CpuLine[] {
  const lines: CpuLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu')) continue;
    const [cpu, ...fields] = line.trim().split(/\s+/);
    const values = fields.slice(0, CPU_STATES.length).map(Number);
    if (!cpu || !/^cpu\d*$/.test(cpu) || values.length < 4 || values.some((v) => !Number.isFinite(v) || v < 0)) {
      throw new MalformedFileError(file, `cpu lines of at least 4 non-negative counters, found ${JSON.stringify(line.slice(0, 80))}`);
    }
    lines.push({ cpu, values });
  }
  if (lines.length === 0) throw new MalformedFileError(file, 'a `cpu` summary line');
  return lines;
}

/**
 * Diamond's xenfix: some Xen guests count idle time twice, so cpu0's states add up to far more
 * than 100 a second. With `auto`, the fix applies on a Xen guest (/proc/xen exists) whose cpu0
 * rates sum past 110, as Diamond decides it.
 */
async function xenDoublesIdle(setting: string, xenDir: string, rates: ReadonlyArray<{ label: string; rate: number }>): Promise<boolean> {
  const mode = setting.toLowerCase();
  if (mode !== 'auto') return mode === 'true';
  let cpu0 = 0;
  for (const { label, rate } of rates) if (label === 'cpu0') cpu0 += Math.trunc(rate);
  // The sum first: most hosts never pass 110, and then no run needs to look for /proc/xen.
  return (
    cpu0 > 110 &&
    (await stat(xenDir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  );
}

export default defineCollector({
  name: 'cpu',
  description: 'CPU time per state from /proc/stat, as per-second rates (Diamond CPUCollector).',
  path: 'cpu',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('stat');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const lines = parseStat(text, file);
    const cores = lines.filter((l) => l.cpu !== 'cpu').length;

    if (ctx.options.simple || ctx.options.include_cpu_pct) {
      // Metricly's agent read /proc/stat twice a second apart inside one run; the same share over
      // the interval between runs needs no sleep.
      const total = lines.find((l) => l.cpu === 'cpu');
      const [user = 0, nice = 0, system = 0, idle = 0] = total?.values ?? [];
      const busy = ctx.derivative('simple.busy', user + nice + system, { timeDelta: false });
      const all = ctx.derivative('simple.all', user + nice + system + idle, { timeDelta: false });
      if (total && busy !== undefined && all !== undefined && all > 0) ctx.publish('percent', (100 * busy) / all, { precision: 4 });
      if (ctx.options.simple) return;
    }

    ctx.publish('cpu_count', cores);
    const rates: Array<{ name: string; label: string; state: string; rate: number }> = [];
    for (const { cpu, values } of lines) {
      const isTotal = cpu === 'cpu';
      if (!isTotal && !ctx.options.percore) continue;
      const label = isTotal ? 'total' : cpu;
      const divisor = isTotal && ctx.options.normalize && cores > 0 ? cores : 1;
      values.forEach((value, index) => {
        const state = CPU_STATES[index];
        if (!state) return;
        const name = `${label}.${state}`;
        const rate = ctx.derivative(name, value, { max: MAX_COUNTER });
        if (rate !== undefined) rates.push({ name, label, state, rate: rate / divisor });
      });
    }
    const halveIdle = await xenDoublesIdle(ctx.options.xenfix, ctx.procfs('xen'), rates);
    for (const { name, label, state, rate } of rates) {
      ctx.publish(name, halveIdle && state === 'idle' ? rate / 2 : rate, { type: 'rate', precision: 2, dimensions: { cpu: label } });
    }
  },
});

import os from 'node:os';
import { defineCollector, MalformedFileError, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

const LOADAVG = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)\/(\d+)/;

/** Cores as the host's /proc/stat lists them (honours HOST_PROC), else as Node sees them. */
async function coreCount(statFile: string, signal: AbortSignal): Promise<number> {
  const stat = await readOptionalFile(statFile, signal);
  const fromStat = stat ? stat.split('\n').filter((l) => /^cpu\d+\s/.test(l)).length : 0;
  return fromStat > 0 ? fromStat : os.availableParallelism();
}

export default defineCollector({
  name: 'loadavg',
  description: 'Load averages and process counts from /proc/loadavg (Diamond LoadAverageCollector).',
  path: 'loadavg',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('loadavg');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const match = LOADAVG.exec(text.trim());
    if (!match) throw new MalformedFileError(file, `"<1m> <5m> <15m> <running>/<total> <last pid>", found ${JSON.stringify(text.slice(0, 80))}`);
    const [load01, load05, load15, running, total] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
    const cores = await coreCount(ctx.procfs('stat'), ctx.signal);
    if (ctx.options.simple) {
      ctx.publish('load', load01, { precision: 2 });
      ctx.publish('load_normalized', load01 / cores, { precision: 2 });
    } else {
      ctx.publish('01', load01, { precision: 2 });
      ctx.publish('05', load05, { precision: 2 });
      ctx.publish('15', load15, { precision: 2 });
      ctx.publish('01_normalized', load01 / cores, { precision: 2 });
      ctx.publish('05_normalized', load05 / cores, { precision: 2 });
      ctx.publish('15_normalized', load15 / cores, { precision: 2 });
    }
    ctx.publish('processes_running', running);
    ctx.publish('processes_total', total);
  },
});

import { execFileSync } from 'node:child_process';
import { defineCollector, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { compileGroup, matches, runMatchContext, type Group } from './match.js';
import { options } from './options.js';
import { listPids, readIdentity, readResources, type Machine } from './proc.js';

export interface ProcessResources {
  groups: Group[];
  ticksPerSecond: number;
  pageSize: number;
}

function getconf(name: string, fallback: number): number {
  try {
    const value = Number(execFileSync('getconf', [name], { encoding: 'utf8', timeout: 2000 }).trim());
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

/** Boot time in seconds since the epoch, from /proc/stat's `btime`. */
function bootTimeOf(stat: string | undefined): number | undefined {
  const match = /^btime\s+(\d+)/m.exec(stat ?? '');
  return match ? Number(match[1]) : undefined;
}

export default defineCollector({
  name: 'processresources',
  description:
    "Resources of named process groups from /proc: memory, CPU, threads, descriptors, I/O and context switches, summed per group (Diamond ProcessResourcesCollector's names).",
  path: 'process',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): ProcessResources {
    return {
      groups: Object.entries(ctx.options.process).map(([name, rules]) => compileGroup(name, rules)),
      ticksPerSecond: getconf('CLK_TCK', 100),
      pageSize: getconf('PAGESIZE', 4096),
    };
  },
  async collect(ctx, res) {
    if (res.groups.length === 0) return;
    const meminfo = await readOptionalFile(ctx.procfs('meminfo'), ctx.signal);
    const memTotalKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo ?? '')?.[1] ?? 0);
    const machine: Machine = { ticksPerSecond: res.ticksPerSecond, pageSize: res.pageSize, memTotalBytes: memTotalKb * 1024 };
    const bootTime = bootTimeOf(await readOptionalFile(ctx.procfs('stat'), ctx.signal));
    const match = await runMatchContext(res.groups, () => readOptionalFile(ctx.etcfs('passwd'), ctx.signal));
    const totals = new Map<Group, Map<string, number>>(res.groups.map((g) => [g, new Map()]));
    const cpuPercent = new Map<Group, number>();
    const now = ctx.now();
    for (const pid of listPids(ctx.procfs)) {
      ctx.signal.throwIfAborted();
      const identity = readIdentity(ctx.procfs, pid);
      if (!identity) continue;
      const groups = res.groups.filter((g) => matches(g, identity, match));
      if (groups.length === 0) continue;
      const values = readResources(ctx.procfs, identity, machine);
      // The process's own CPU rate, keyed by pid and start time: a reused pid starts afresh, and
      // the runtime's bounded state forgets a process a few intervals after it is gone.
      const cpuSeconds = (values.get('cpu_times.user') ?? 0) + (values.get('cpu_times.system') ?? 0);
      const rate = ctx.derivative(`${pid}.${identity.startTicks}.cpu`, cpuSeconds);
      if (bootTime !== undefined) values.set('uptime', now - (bootTime + identity.startTicks / machine.ticksPerSecond));
      for (const group of groups) {
        const sum = totals.get(group) as Map<string, number>;
        for (const [key, value] of values) sum.set(key, (sum.get(key) ?? 0) + value);
        sum.set('workers_count', (sum.get('workers_count') ?? 0) + 1);
        if (rate !== undefined) cpuPercent.set(group, (cpuPercent.get(group) ?? 0) + rate * 100);
      }
    }
    for (const [group, sum] of totals) {
      const count = sum.get('workers_count') ?? 0;
      sum.delete('workers_count');
      for (const [key, value] of sum)
        ctx.publish(`${group.name}.${key}`, value, { precision: key.startsWith('cpu_times') || key === 'memory_percent' || key === 'uptime' ? 2 : 0 });
      const percent = cpuPercent.get(group);
      if (percent !== undefined) ctx.publish(`${group.name}.cpu_percent`, percent, { precision: 2 });
      if (group.countWorkers) ctx.publish(`${group.name}.workers_count`, count);
    }
  },
});

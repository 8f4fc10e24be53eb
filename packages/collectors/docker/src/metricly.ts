import type { MetricType } from '@spinel/sdk';

/**
 * `naming: metricly`: the names the Metricly agent's NetuitiveDockerCollector published, so its
 * users' dashboards keep working. Values are the stats API's own, unconverted: counters stay
 * cumulative (Metricly's fork published COUNTER samples raw, not as rates).
 */
export interface MetriclySample {
  name: string;
  value: number;
  type: MetricType;
}

export interface MetriclyStats {
  memory_stats?: Record<string, unknown>;
  cpu_stats?: Record<string, unknown>;
  networks?: Record<string, unknown>;
  network?: Record<string, unknown>;
  blkio_stats?: Record<string, unknown>;
}

/** Numeric leaves of a JSON object as dotted keys; lists are returned apart (percpu_usage). */
function flatten(value: Record<string, unknown>, prefix = ''): { numbers: Array<[string, number]>; lists: Array<[string, unknown[]]> } {
  const numbers: Array<[string, number]> = [];
  const lists: Array<[string, unknown[]]> = [];
  for (const [key, child] of Object.entries(value)) {
    const dotted = prefix + key;
    if (typeof child === 'number' && Number.isFinite(child)) numbers.push([dotted, child]);
    else if (Array.isArray(child)) lists.push([dotted, child]);
    else if (child !== null && typeof child === 'object') {
      const inner = flatten(child as Record<string, unknown>, `${dotted}.`);
      numbers.push(...inner.numbers);
      lists.push(...inner.lists);
    }
  }
  return { numbers, lists };
}

/**
 * The container's name as Metricly used it: the one of Docker's names with a single slash
 * (links add `/other/alias` names), without the slash; dots are kept (swarm task names have them).
 */
export function metriclyContainerName(names: readonly string[], id: string): string {
  const own = names.find((n) => n.split('/').length === 2) ?? names[0];
  return own ? own.replace(/^\//, '') : id.slice(0, 12);
}

/**
 * One container's samples from one stats API answer. `simple` keeps only the `total_*` memory
 * stats and drops per-CPU usage, as Metricly's `simple` option did.
 */
export function metriclySamples(container: string, stats: MetriclyStats, simple: boolean): MetriclySample[] {
  const out: MetriclySample[] = [];
  for (const [key, value] of flatten(stats.memory_stats ?? {}).numbers) {
    if (simple && key.startsWith('stats.') && !key.startsWith('stats.total')) continue;
    out.push({ name: `${container}.memory.${key}`, value, type: 'gauge' });
  }
  const cpu = flatten(stats.cpu_stats ?? {});
  for (const [key, value] of cpu.numbers) if (Number.isInteger(value)) out.push({ name: `${container}.cpu.${key}`, value, type: 'counter' });
  if (!simple) {
    for (const [key, list] of cpu.lists) {
      list.forEach((value, i) => {
        if (typeof value === 'number') out.push({ name: `${container}.cpu.${key}${i}`, value, type: 'counter' });
      });
    }
  }
  const network = stats.networks ?? stats.network;
  for (const [key, value] of flatten(network ?? {}).numbers) out.push({ name: `${container}.network.${key}`, value, type: 'counter' });
  // Every blkio entry is a list, which Metricly skipped; scalars, where an engine has any, are kept.
  for (const [key, value] of flatten(stats.blkio_stats ?? {}).numbers) out.push({ name: `${container}.blkio.${key}`, value, type: 'counter' });
  return out;
}

/** What Metricly's minimal mode kept of a container between runs. */
export interface MetriclyCpuReading {
  total: number;
  system: number;
}

export function metriclyCpuReading(stats: MetriclyStats): MetriclyCpuReading | undefined {
  const cpu = stats.cpu_stats as { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number } | undefined;
  const total = cpu?.cpu_usage?.total_usage;
  const system = cpu?.system_cpu_usage;
  return typeof total === 'number' && typeof system === 'number' ? { total, system } : undefined;
}

/**
 * Minimal mode: memory used of the limit, and the container's share of all host CPU time
 * between two readings (so 100 is every core busy, as Metricly computed it).
 */
export function metriclyMinimalSamples(container: string, stats: MetriclyStats, previous: MetriclyCpuReading | undefined): MetriclySample[] {
  const out: MetriclySample[] = [];
  const memory = stats.memory_stats as { usage?: number; limit?: number } | undefined;
  if (memory?.usage !== undefined && memory.limit)
    out.push({ name: `${container}.netuitive.docker.memory.container_memory_percent`, value: (100 * memory.usage) / memory.limit, type: 'gauge' });
  const now = metriclyCpuReading(stats);
  if (now && previous && now.system > previous.system) {
    const percent = (100 * Math.max(0, now.total - previous.total)) / (now.system - previous.system);
    out.push({ name: `${container}.netuitive.docker.cpu.container_cpu_percent`, value: percent, type: 'gauge' });
  }
  return out;
}

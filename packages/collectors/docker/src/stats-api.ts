import type Docker from 'dockerode';
import type { ContainerUsage, Networks } from './usage.js';

interface BlkioEntry {
  op: string;
  value: number;
}

export interface StatsJson {
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; usage_in_usermode?: number; usage_in_kernelmode?: number };
    throttling_data?: { periods?: number; throttled_periods?: number; throttled_time?: number };
  };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<
    string,
    { rx_bytes: number; tx_bytes: number; rx_packets: number; tx_packets: number; rx_errors: number; tx_errors: number; rx_dropped: number; tx_dropped: number }
  >;
  blkio_stats?: { io_service_bytes_recursive?: BlkioEntry[] | null; io_serviced_recursive?: BlkioEntry[] | null };
}

const sumOp = (entries: BlkioEntry[] | null | undefined, op: string): number =>
  (entries ?? []).filter((e) => e.op.toLowerCase() === op).reduce((a, e) => a + e.value, 0);

/**
 * One-shot stats from the Docker API (no stream: the engine answers once and closes), for hosts
 * where the agent cannot see the containers' cgroup files. About 50 ms a call here, so the
 * cgroup path is preferred.
 */
export async function readStatsApi(container: Docker.Container, hostMemory: number): Promise<{ usage: ContainerUsage; networks: Networks }> {
  return parseStatsJson((await container.stats({ stream: false, 'one-shot': true } as { stream: false })) as unknown as StatsJson, hostMemory);
}

/** The stats API's JSON (cgroup v1 or v2 engines) as usage and per-interface counters; a limit at or above the host's memory is none. */
export function parseStatsJson(stats: StatsJson, hostMemory: number): { usage: ContainerUsage; networks: Networks } {
  const cpu = stats.cpu_stats?.cpu_usage ?? {};
  const throttling = stats.cpu_stats?.throttling_data ?? {};
  const mem = stats.memory_stats ?? {};
  const memStats = mem.stats ?? {};
  const networks: Networks = new Map(Object.entries(stats.networks ?? {}).map(([name, n]) => [name, { ...n }]));
  const limit = mem.limit !== undefined && mem.limit < hostMemory ? mem.limit : undefined;
  return {
    usage: {
      cpuTotalNs: cpu.total_usage ?? 0,
      cpuUserNs: cpu.usage_in_usermode ?? 0,
      cpuSystemNs: cpu.usage_in_kernelmode ?? 0,
      periods: throttling.periods ?? 0,
      throttledPeriods: throttling.throttled_periods ?? 0,
      throttledNs: throttling.throttled_time ?? 0,
      memoryUsage: mem.usage ?? 0,
      memoryLimit: limit,
      memoryRss: memStats.total_rss ?? memStats.anon ?? memStats.rss ?? 0,
      memoryCache: memStats.total_cache ?? memStats.file ?? memStats.cache ?? 0,
      memoryInactiveFile: memStats.total_inactive_file ?? memStats.inactive_file ?? 0,
      blkReadBytes: sumOp(stats.blkio_stats?.io_service_bytes_recursive, 'read'),
      blkWriteBytes: sumOp(stats.blkio_stats?.io_service_bytes_recursive, 'write'),
      blkReadOps: sumOp(stats.blkio_stats?.io_serviced_recursive, 'read'),
      blkWriteOps: sumOp(stats.blkio_stats?.io_serviced_recursive, 'write'),
    },
    networks,
  };
}

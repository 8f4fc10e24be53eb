import { readOptionalFile } from '@spinel/sdk';
import type { ContainerUsage } from './usage.js';

/** Anything over this is the kernel's "no limit" (v1 writes 2^63 rounded to pages). */
const UNLIMITED = 2 ** 62;

function keyValues(text: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of (text ?? '').split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined) out.set(key, Number(value));
  }
  return out;
}

/** v1 blkio.throttle.* files: `8:0 Read 1234` lines; summed over devices. */
function blkioV1(text: string | undefined): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const line of (text ?? '').split('\n')) {
    const [device, op, value] = line.trim().split(/\s+/);
    if (!device?.includes(':')) continue;
    if (op === 'Read') read += Number(value);
    else if (op === 'Write') write += Number(value);
  }
  return { read, write };
}

/** v2 io.stat: `8:0 rbytes=1 wbytes=2 rios=3 wios=4 ...` lines; summed over devices. */
function ioStatV2(text: string | undefined): { rbytes: number; wbytes: number; rios: number; wios: number } {
  const sum = { rbytes: 0, wbytes: 0, rios: 0, wios: 0 };
  for (const line of (text ?? '').split('\n')) {
    for (const pair of line.trim().split(/\s+/).slice(1)) {
      const [key, value] = pair.split('=');
      if (key && key in sum) sum[key as keyof typeof sum] += Number(value);
    }
  }
  return sum;
}

/** Controller name -> cgroup path, from /proc/<pid>/cgroup. `''` is the v2 unified hierarchy. */
export function parseProcCgroup(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line.trim()) ?? [];
    if (path === undefined || controllers === undefined) continue;
    for (const controller of controllers.split(',')) out.set(controller.replace(/^name=/, ''), path);
  }
  return out;
}

type Sysfs = (...segments: string[]) => string;

/** Reads a container's usage from cgroup v1 files (hierarchies per controller). */
async function readV1(sysfs: Sysfs, paths: Map<string, string>, signal: AbortSignal): Promise<ContainerUsage | undefined> {
  const file = (controller: string, name: string): Promise<string | undefined> => {
    const path = paths.get(controller);
    return path === undefined ? Promise.resolve(undefined) : readOptionalFile(sysfs('fs', 'cgroup', controller, path, name), signal);
  };
  const [usage, stat, cpuStat, memUsage, memLimit, memStat, ioBytes, ioOps] = await Promise.all([
    file('cpuacct', 'cpuacct.usage'),
    file('cpuacct', 'cpuacct.stat'),
    file('cpu', 'cpu.stat'),
    file('memory', 'memory.usage_in_bytes'),
    file('memory', 'memory.limit_in_bytes'),
    file('memory', 'memory.stat'),
    file('blkio', 'blkio.throttle.io_service_bytes'),
    file('blkio', 'blkio.throttle.io_serviced'),
  ]);
  if (usage === undefined || memUsage === undefined) return undefined;
  const ticks = keyValues(stat);
  const cpu = keyValues(cpuStat);
  const mem = keyValues(memStat);
  const limit = Number(memLimit);
  const bytes = blkioV1(ioBytes);
  const ops = blkioV1(ioOps);
  // cpuacct.stat counts USER_HZ ticks (100 per second on Linux).
  return {
    cpuTotalNs: Number(usage),
    cpuUserNs: (ticks.get('user') ?? 0) * 1e7,
    cpuSystemNs: (ticks.get('system') ?? 0) * 1e7,
    periods: cpu.get('nr_periods') ?? 0,
    throttledPeriods: cpu.get('nr_throttled') ?? 0,
    throttledNs: cpu.get('throttled_time') ?? 0,
    memoryUsage: Number(memUsage),
    memoryLimit: Number.isFinite(limit) && limit < UNLIMITED ? limit : undefined,
    memoryRss: mem.get('total_rss') ?? mem.get('rss') ?? 0,
    memoryCache: mem.get('total_cache') ?? mem.get('cache') ?? 0,
    memoryInactiveFile: mem.get('total_inactive_file') ?? mem.get('inactive_file') ?? 0,
    blkReadBytes: bytes.read,
    blkWriteBytes: bytes.write,
    blkReadOps: ops.read,
    blkWriteOps: ops.write,
  };
}

/** Reads a container's usage from a cgroup v2 directory. */
async function readV2(dir: (name: string) => string, signal: AbortSignal): Promise<ContainerUsage | undefined> {
  const [cpuStat, memCurrent, memMax, memStat, io] = await Promise.all(
    ['cpu.stat', 'memory.current', 'memory.max', 'memory.stat', 'io.stat'].map((n) => readOptionalFile(dir(n), signal)),
  );
  if (cpuStat === undefined || memCurrent === undefined) return undefined;
  const cpu = keyValues(cpuStat);
  const mem = keyValues(memStat);
  const limit = memMax?.trim() === 'max' ? undefined : Number(memMax);
  const ios = ioStatV2(io);
  return {
    cpuTotalNs: (cpu.get('usage_usec') ?? 0) * 1000,
    cpuUserNs: (cpu.get('user_usec') ?? 0) * 1000,
    cpuSystemNs: (cpu.get('system_usec') ?? 0) * 1000,
    periods: cpu.get('nr_periods') ?? 0,
    throttledPeriods: cpu.get('nr_throttled') ?? 0,
    throttledNs: (cpu.get('throttled_usec') ?? 0) * 1000,
    memoryUsage: Number(memCurrent),
    memoryLimit: limit !== undefined && Number.isFinite(limit) ? limit : undefined,
    memoryRss: mem.get('anon') ?? 0,
    memoryCache: mem.get('file') ?? 0,
    memoryInactiveFile: mem.get('inactive_file') ?? 0,
    blkReadBytes: ios.rbytes,
    blkWriteBytes: ios.wbytes,
    blkReadOps: ios.rios,
    blkWriteOps: ios.wios,
  };
}

/**
 * A container's usage straight from its cgroup files, found through its init process's
 * /proc/<pid>/cgroup: v1 hierarchies (cpuacct, cpu, memory, blkio) when present, else the v2
 * unified directory (mounted at /sys/fs/cgroup, or /sys/fs/cgroup/unified beside v1).
 * undefined when the files are not visible (another mount namespace, no HOST_SYS).
 */
export async function readCgroupUsage(procfs: (...s: string[]) => string, sysfs: Sysfs, pid: number, signal: AbortSignal): Promise<ContainerUsage | undefined> {
  const cgroupFile = await readOptionalFile(procfs(String(pid), 'cgroup'), signal);
  if (!cgroupFile) return undefined;
  const paths = parseProcCgroup(cgroupFile);
  if (paths.has('cpuacct') && paths.has('memory')) {
    const v1 = await readV1(sysfs, paths, signal);
    if (v1) return v1;
  }
  const unified = paths.get('');
  if (unified === undefined) return undefined;
  return (await readV2((n) => sysfs('fs', 'cgroup', unified, n), signal)) ?? (await readV2((n) => sysfs('fs', 'cgroup', 'unified', unified, n), signal));
}

import si from 'systeminformation';
import type { NameValue } from '@spinel/metricly-client';

// systeminformation gathers the element's description the way Diamond used psutil, platform and
// docker-py: one call per fact, each failing alone, read once when the handler starts.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** `16.00 GB`, as Diamond's get_human_readable_size. */
export function humanSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${UNITS[unit]}`;
}

async function settle<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    return await Promise.race([work.catch(() => undefined), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Platform, cpus, ram, boot time and distribution attributes; a fact that cannot be read is left out. */
export async function systemAttributes(agent: string, timeoutMs = 5000): Promise<NameValue[]> {
  const [os, cpu, mem, time] = await Promise.all([
    settle(si.osInfo(), timeoutMs),
    settle(si.cpu(), timeoutMs),
    settle(si.mem(), timeoutMs),
    settle(Promise.resolve(si.time()), timeoutMs),
  ]);
  const out: NameValue[] = [
    { name: 'platform', value: os?.platform === 'linux' ? 'Linux' : (os?.platform ?? process.platform) },
    { name: 'agent', value: agent },
  ];
  if (cpu?.cores) out.push({ name: 'cpus', value: String(cpu.cores) });
  if (mem?.total) out.push({ name: 'ram', value: humanSize(mem.total) }, { name: 'ram bytes', value: String(mem.total) });
  if (time?.uptime) out.push({ name: 'boottime', value: new Date(Date.now() - Number(time.uptime) * 1000).toISOString() });
  if (os?.distro) out.push({ name: 'distribution_name', value: os.distro });
  if (os?.release) out.push({ name: 'distribution_version', value: os.release });
  if (os?.codename) out.push({ name: 'distribution_id', value: os.codename });
  return out;
}

/** `docker_version`, `docker_os`, ... when a Docker engine answers on its socket; nothing otherwise. */
export async function dockerAttributes(timeoutMs = 2000): Promise<NameValue[]> {
  const info = await settle(si.dockerInfo(), timeoutMs);
  if (!info?.serverVersion) return [];
  const facts: Array<[string, string | number | undefined]> = [
    ['docker_version', info.serverVersion],
    ['docker_os', info.operatingSystem],
    ['docker_kernel_version', info.kernelVersion],
    ['docker_architecture', info.architecture],
    ['docker_containers', info.containers],
  ];
  return facts.filter(([, v]) => v !== undefined && v !== '').map(([name, value]) => ({ name, value: String(value) }));
}

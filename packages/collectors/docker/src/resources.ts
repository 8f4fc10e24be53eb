import type Docker from 'dockerode';
import type { MetriclyCpuReading } from './metricly.js';
import type { ContainerUsage, Networks } from './usage.js';

export interface Inspected {
  pid: number;
  restartCount: number;
  startedAt: number;
  health: string | undefined;
  cpuLimitCores: number | undefined;
  fetchedAt: number;
}

/** Everything kept for one container; deleted the moment the container is no longer running. */
export interface ContainerState {
  inspected?: Inspected;
  previous?: { at: number; usage: ContainerUsage; networks: Networks | undefined };
  /** `naming: metricly` with `minimal`: the CPU counters of the previous run. */
  metriclyCpu?: MetriclyCpuReading;
}

export interface DockerResources {
  docker: Docker;
  /** Keyed by container id; holds only running containers. */
  containers: Map<string, ContainerState>;
  cpus: number;
  hostMemory: number;
  /** The socket was absent at the last run (warned once). */
  socketMissing: boolean;
}

/** Pid, restart count, start time, health and CPU limit of one container, from the API. */
export async function inspect(docker: Docker, id: string, now: number): Promise<Inspected> {
  const info = await docker.getContainer(id).inspect();
  const nano = info.HostConfig.NanoCpus ?? 0;
  const quota = info.HostConfig.CpuQuota ?? 0;
  const period = info.HostConfig.CpuPeriod || 100_000;
  return {
    pid: info.State.Pid,
    restartCount: info.RestartCount,
    startedAt: Date.parse(info.State.StartedAt) / 1000,
    health: (info.State as { Health?: { Status?: string } }).Health?.Status,
    cpuLimitCores: nano > 0 ? nano / 1e9 : quota > 0 ? quota / period : undefined,
    fetchedAt: now,
  };
}

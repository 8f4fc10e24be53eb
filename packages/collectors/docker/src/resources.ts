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
}


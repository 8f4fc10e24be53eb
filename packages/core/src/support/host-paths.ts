import path from 'node:path';
import type { HostPaths } from '@spinel/sdk';

/** Roots for host files, from HOST_PROC / HOST_SYS / HOST_ETC as gopsutil and Telegraf read them. */
export interface HostRoots {
  proc: string;
  sys: string;
  etc: string;
}

export function hostRootsFromEnv(env: NodeJS.ProcessEnv = process.env): HostRoots {
  return { proc: env.HOST_PROC || '/proc', sys: env.HOST_SYS || '/sys', etc: env.HOST_ETC || '/etc' };
}

export function createHostPaths(roots: HostRoots): HostPaths {
  return {
    procfs: (...segments) => path.join(roots.proc, ...segments),
    sysfs: (...segments) => path.join(roots.sys, ...segments),
    etcfs: (...segments) => path.join(roots.etc, ...segments),
  };
}

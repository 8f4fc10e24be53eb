import { existsSync } from 'node:fs';
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

/**
 * `<proc>/net` is a link to `self/net`: the network namespace of whoever reads it. In a container
 * given the host's /proc (HOST_PROC=/host/proc), that is the container's own, so network files
 * are read through the host's init, `<proc>/1/net`, which shows the host's interfaces and sockets.
 */
function networkRoot(roots: HostRoots): string {
  if (path.resolve(roots.proc) === '/proc') return roots.proc;
  return existsSync(path.join(roots.proc, '1', 'net', 'dev')) ? path.join(roots.proc, '1') : roots.proc;
}

export function createHostPaths(roots: HostRoots): HostPaths {
  const netRoot = networkRoot(roots);
  return {
    procfs: (...segments) => (segments[0]?.split('/')[0] === 'net' ? path.join(netRoot, ...segments) : path.join(roots.proc, ...segments)),
    sysfs: (...segments) => path.join(roots.sys, ...segments),
    etcfs: (...segments) => path.join(roots.etc, ...segments),
  };
}

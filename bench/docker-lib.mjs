// Docker helpers for the container benchmarks: the engine that tooling/docker/start-dockerd.sh starts.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const SOCKET = process.env.DOCKER_SOCK ?? '/var/run/docker.sock';
export const IMAGE = 'spinel-test-busybox';

export function dockerSync(...args) {
  return execFileSync('docker', ['-H', `unix://${SOCKET}`, ...args], { encoding: 'utf8' }).trim();
}

export async function docker(...args) {
  return (await exec('docker', ['-H', `unix://${SOCKET}`, ...args])).stdout.trim();
}

export function removeLabelled(label) {
  const ids = dockerSync('ps', '-aq', '--filter', `label=${label}`);
  if (ids) dockerSync('rm', '-f', ...ids.split('\n'));
}

/** Starts `count` idle containers, a few at a time. */
export async function startIdle(count, label, prefix) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < count) {
        const n = next++;
        await docker('run', '-d', '--network', 'none', '--label', label, '--name', `${prefix}-${n}`, IMAGE, 'sleep', '3600');
      }
    }),
  );
}

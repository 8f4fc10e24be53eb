// Helpers for tests against the real Docker engine that .ci/run starts (tooling/docker/start-dockerd.sh).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SOCKET = process.env.DOCKER_SOCK ?? '/var/run/docker.sock';
export const IMAGE = 'spinel-test-busybox';

function engineUp(): boolean {
  if (!existsSync(SOCKET)) return false;
  try {
    execFileSync('docker', ['-H', `unix://${SOCKET}`, 'image', 'inspect', IMAGE], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const haveDocker = engineUp();
if (!haveDocker)
  console.log(
    `docker collector engine tests skipped: no Docker engine with image ${IMAGE} at ${SOCKET} (run tooling/docker/start-dockerd.sh as root; .ci/run does)`,
  );

export function docker(...args: string[]): string {
  return execFileSync('docker', ['-H', `unix://${SOCKET}`, ...args], { encoding: 'utf8' }).trim();
}

/** Starts a test container with --network none and returns its id. */
export function runWith(name: string, flags: string[], command: string[]): string {
  return docker('run', '-d', '--network', 'none', '--label', 'spinel.test=1', '--name', name, ...flags, IMAGE, ...command);
}

export function removeTestContainers(): void {
  const ids = docker('ps', '-aq', '--filter', 'label=spinel.test=1');
  if (ids) docker('rm', '-f', ...ids.split('\n'));
}

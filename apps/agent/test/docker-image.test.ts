// The agent image (`pnpm image`) against the Docker engine .ci/run starts: built from local files,
// run as the README says, beside a sibling container; host metrics, not the container's.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveLines, launchSettings, REPO, tempDir, waitFor, writeConfig } from './helpers.js';
import { NODE_ENV_DEFAULTS, NODE_FLAGS } from '../../../tooling/runtime/index.mjs';

const SOCKET = process.env.DOCKER_SOCK ?? '/var/run/docker.sock';
const TAG = 'spinel-agent:test';
const SIBLING_IMAGE = 'spinel-test-busybox';

function docker(...args: string[]): string {
  return execFileSync('docker', ['-H', `unix://${SOCKET}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function engineWithTestImage(): boolean {
  try {
    docker('image', 'inspect', SIBLING_IMAGE);
    return true;
  } catch {
    return false;
  }
}

const haveDocker = existsSync(SOCKET) && engineWithTestImage();
if (!haveDocker)
  console.log(
    `agent image tests skipped: no Docker engine with image ${SIBLING_IMAGE} at ${SOCKET} (run tooling/docker/start-dockerd.sh as root; .ci/run does)`,
  );

/** Host interfaces from the host's own /proc/net/dev. */
function hostInterfaces(): string[] {
  return readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter(Boolean);
}

describe.skipIf(!haveDocker)('the agent image', () => {
  const dir = tempDir('image');
  const archive = path.join(dir, 'archive.log');
  const agentName = `spinel-image-agent-${process.pid}`;
  const siblingName = `spinel-image-sibling-${process.pid}`;

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(REPO, 'tooling/docker/build-image.mjs'), '--tag', TAG], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    // The agent runs as 10001; the folder it writes its archive to must let it.
    chmodSync(dir, 0o777);
    writeConfig(
      dir,
      `agent:
  hostname: \${IMAGE_TEST_HOST}
  path_prefix: servers
  shutdown_timeout: 10
collectors:
  defaults: { interval: 1, splay: 0 }
  memory: {}
  network: {}
  docker: {}
handlers:
  archive: { path: /out/archive.log }
`,
    );
    const socketGroup = String(statSync(SOCKET).gid);
    // The README's run command, with --network none (this engine has no bridge) and an out folder.
    docker(
      'run',
      '-d',
      '--name',
      agentName,
      '--label',
      'spinel.test=1',
      '--network',
      'none',
      '--group-add',
      socketGroup,
      '-e',
      'IMAGE_TEST_HOST=imagehost',
      '-e',
      'SPINEL_CONFIG=/etc/spinel/spinel.yaml',
      '-e',
      'HOST_PROC=/host/proc',
      '-e',
      'HOST_SYS=/host/sys',
      '-v',
      '/proc:/host/proc:ro',
      '-v',
      '/sys:/host/sys:ro',
      '-v',
      `${SOCKET}:/var/run/docker.sock:ro`,
      '-v',
      `${path.join(dir, 'spinel.yaml')}:/etc/spinel/spinel.yaml:ro`,
      '-v',
      `${dir}:/out`,
      TAG,
    );
  }, 300_000);

  afterAll(() => {
    for (const name of [agentName, siblingName]) {
      try {
        docker('rm', '-f', name);
      } catch {
        // already gone
      }
    }
  });

  const lines = (): Array<[string, number, number]> => archiveLines(archive);

  it('has no shell and runs as a user that is not root', () => {
    expect(docker('image', 'inspect', '-f', '{{.Config.User}}', TAG)).toBe('10001:10001');
    expect(() => docker('run', '--rm', '--network', 'none', '--entrypoint', '/bin/sh', TAG, '-c', 'true')).toThrow(/no such file|not found/i);
    const pid = docker('inspect', '-f', '{{.State.Pid}}', agentName);
    expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^Uid:\s+10001\s+10001\s+10001\s+10001$/m);
    // The entrypoint is the compiled launcher: it exec'd Node.js with the runtime's flags and environment.
    const launched = launchSettings(pid);
    expect(launched.argv).toEqual(['/opt/spinel/bin/node', ...NODE_FLAGS, '/opt/spinel/app/dist/cli.js', 'run']);
    expect(launched.env).toMatchObject(NODE_ENV_DEFAULTS);
  });

  it("reports the host's memory and network, not the container's, with ${VAR} filled from docker run -e", async () => {
    await waitFor(() => lines().some(([p]) => p === 'servers.imagehost.memory.MemTotal'), 30_000, 'MemTotal from the agent container');
    const hostMemTotal = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]) * 1024;
    expect(lines().find(([p]) => p === 'servers.imagehost.memory.MemTotal')?.[1]).toBe(hostMemTotal);
    // The container has only lo (--network none); the host's other interfaces show through.
    await waitFor(() => lines().some(([p]) => /^servers\.imagehost\.network\.[^.]+\.rx_byte$/.test(p)), 15_000, 'network lines');
    const published = new Set(
      lines()
        .map(([p]) => /^servers\.imagehost\.network\.([^.]+)\.rx_byte$/.exec(p)?.[1])
        .filter((i): i is string => i !== undefined),
    );
    const host = hostInterfaces();
    expect(published.size).toBeGreaterThan(0);
    for (const iface of published) expect(host).toContain(iface);
    expect([...published].some((iface) => iface !== 'lo')).toBe(true);
  }, 60_000);

  it('sees a sibling container come and go', async () => {
    docker('run', '-d', '--name', siblingName, '--label', 'spinel.test=1', '--network', 'none', SIBLING_IMAGE, 'sleep', '3600');
    const metric = `servers.imagehost.docker.${siblingName}.memory_usage`;
    await waitFor(() => lines().some(([p]) => p === metric), 20_000, 'the sibling in the docker collector');
    docker('rm', '-f', siblingName);
    const removedAt = Date.now() / 1000;
    const after = (t: number): boolean => t > removedAt + 1.5;
    await waitFor(
      () => lines().filter(([p, , t]) => p === 'servers.imagehost.docker.containers_running' && after(t)).length >= 2,
      20_000,
      'two runs after the removal',
    );
    // Runs that started after the removal do not mention it.
    expect(lines().filter(([p, , t]) => p === metric && after(t))).toEqual([]);
  }, 60_000);

  it('spinel works in docker exec of the shell-less image', () => {
    const status = spawnSync('docker', ['-H', `unix://${SOCKET}`, 'exec', agentName, 'spinel', 'status', '--json'], { encoding: 'utf8' });
    expect(status.stderr).toBe('');
    const parsed = JSON.parse(status.stdout) as { collectors: Array<{ key: string }> };
    expect(parsed.collectors.map((c) => c.key).sort()).toEqual(['docker', 'memory', 'network']);
    const version = docker('exec', agentName, 'spinel', '--version');
    expect(version).toMatch(/\d+\.\d+\.\d+/);
  });

  it('with no config of its own, runs the system collectors and the docker collector; without the socket, one warning and the rest runs', async () => {
    type Report = { healthy: boolean; collectors: Array<{ key: string; runs: number; errors: number; last_samples: number | null }> };
    /** `spinel status --json` inside the container, once every collector has run. */
    const afterFirstRuns = async (name: string): Promise<Report> => {
      let report: Report = { healthy: false, collectors: [] };
      await waitFor(
        () => {
          try {
            report = JSON.parse(docker('exec', name, 'spinel', 'status', '--json')) as Report;
          } catch {
            return false;
          }
          return report.collectors.length > 0 && report.collectors.every((c) => c.runs > 0);
        },
        40_000,
        `a first run of every collector in ${name}`,
      );
      return report;
    };
    const withSocket = `spinel-image-default-${process.pid}`;
    const withoutSocket = `spinel-image-nosocket-${process.pid}`;
    const socketGroup = String(statSync(SOCKET).gid);
    try {
      docker(
        'run',
        '-d',
        '--name',
        withSocket,
        '--label',
        'spinel.test=1',
        '--network',
        'none',
        '--group-add',
        socketGroup,
        '-e',
        'HOST_PROC=/host/proc',
        '-e',
        'HOST_SYS=/host/sys',
        '-v',
        '/proc:/host/proc:ro',
        '-v',
        '/sys:/host/sys:ro',
        '-v',
        `${SOCKET}:/var/run/docker.sock:ro`,
        TAG,
      );
      docker('run', '-d', '--name', withoutSocket, '--label', 'spinel.test=1', '--network', 'none', TAG);
      const expected = ['cpu', 'diskspace', 'diskusage', 'docker', 'loadavg', 'memory', 'network', 'vmstat'];
      const report = await afterFirstRuns(withSocket);
      expect(report.collectors.map((c) => c.key).sort()).toEqual(expected);
      expect(report.collectors.every((c) => c.errors === 0)).toBe(true);
      expect(report.collectors.find((c) => c.key === 'docker')?.last_samples).toBeGreaterThan(0);
      const bare = await afterFirstRuns(withoutSocket);
      expect(bare.collectors.map((c) => c.key).sort()).toEqual(expected);
      expect(bare.healthy).toBe(true);
      expect(bare.collectors.find((c) => c.key === 'docker')?.errors).toBe(0);
      const log = spawnSync('docker', ['-H', `unix://${SOCKET}`, 'logs', withoutSocket], { encoding: 'utf8' }).stderr;
      expect(log.match(/no engine socket at \/var\/run\/docker\.sock/g)).toHaveLength(1);
    } finally {
      for (const name of [withSocket, withoutSocket]) {
        try {
          docker('rm', '-f', name);
        } catch {
          // already gone
        }
      }
    }
  }, 120_000);

  it('docker stop drains and exits 0 within shutdown_timeout', () => {
    const started = Date.now();
    docker('stop', '-t', '15', agentName);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(docker('inspect', '-f', '{{.State.ExitCode}}', agentName)).toBe('0');
    // The agent logs to stderr, which docker logs gives back on stderr.
    const log = spawnSync('docker', ['-H', `unix://${SOCKET}`, 'logs', agentName], { encoding: 'utf8' }).stderr;
    expect(log).toContain('SIGTERM received; flushing handlers (up to 10s)');
    expect(log).toMatch(/agent stopped drained=true/);
  });
});

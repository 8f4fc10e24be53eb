import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { archiveLines, CLI, lastValue, tempDir, waitFor, writeConfig } from './helpers.js';

describe('the agent on a malformed procfs file', () => {
  it('logs and counts the error naming the file, keeps running, and publishes again once the file is good', async () => {
    const dir = tempDir('badproc');
    const proc = path.join(dir, 'proc');
    mkdirSync(proc);
    writeFileSync(path.join(proc, 'loadavg'), 'this is not a load average\n');
    const archive = path.join(dir, 'archive.log');
    const config = writeConfig(
      dir,
      `agent: { hostname: testhost, telemetry_interval: 1 }
collectors:
  loadavg: { interval: 0.3, splay: 0 }
handlers:
  archive: { path: ${archive} }
`,
    );
    const child = spawn(process.execPath, [CLI, 'run', '--config', config], { cwd: dir, env: { ...process.env, HOST_PROC: proc } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitFor(() => (lastValue(archiveLines(archive), 'servers.testhost.spinel.collectors.loadavg.errors') ?? 0) >= 2, 15_000, 'counted loadavg errors');
    expect(archiveLines(archive).some(([p]) => p === 'servers.testhost.loadavg.01')).toBe(false);
    expect(stderr).toContain(
      `collector loadavg failed: ${path.join(proc, 'loadavg')}: expected "<1m> <5m> <15m> <running>/<total> <last pid>", found "this is not a load average\\n" code=SPINEL_PROC_MALFORMED`,
    );
    // One log line for a repeating failure, not one per run.
    expect(stderr.split('collector loadavg failed').length - 1).toBe(1);

    writeFileSync(path.join(proc, 'loadavg'), '0.25 0.50 0.75 2/300 1234\n');
    await waitFor(() => archiveLines(archive).some(([p]) => p === 'servers.testhost.loadavg.01'), 10_000, 'loadavg published after the fix');
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    const lines = archiveLines(archive);
    expect(lastValue(lines, 'servers.testhost.loadavg.05')).toBe(0.5);
    expect(lastValue(lines, 'servers.testhost.loadavg.processes_total')).toBe(300);
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.loadavg.restarts')).toBe(0);
  }, 40_000);
});

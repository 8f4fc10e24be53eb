// Reloading a running `spinel run`: SIGHUP, `spinel reload` and POST /api/reload re-read the
// config file; what did not change keeps running, what changed restarts, a bad config is refused.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../tooling/services/process.mjs';
import { archiveLines, runCli, sleep, startAgent, tempDir, waitFor, type RunningAgent } from './helpers.js';

interface Status {
  collectors: Array<{ key: string; runs: number }>;
  handlers: Array<{ key: string; written: number; dropped: number }>;
  workers: Array<{ group: string; restarts: number; plugins: string[] }>;
  reloads: Array<{ ok: boolean; message: string }>;
}

async function status(port: number): Promise<Status> {
  return (await (await fetch(`http://127.0.0.1:${port}/api/status`)).json()) as Status;
}

function config(port: number, archive: string, collectors: string): string {
  return `agent:
  hostname: reloadhost
  status: { port: ${port}, control_socket: ${path.join(path.dirname(archive), 'control.sock')} }
collectors:
  defaults: { interval: 1, splay: 0 }
${collectors}
handlers:
  archive: { path: ${archive} }
`;
}

/** A folder with a config of the given collectors (archive handler), and `spinel run` on it. */
async function runWith(name: string, collectors: string, archiveName = 'archive.log') {
  const dir = tempDir(name);
  const port = await freePort();
  const file = path.join(dir, 'spinel.yaml');
  const archive = path.join(dir, archiveName);
  writeFileSync(file, config(port, archive, collectors));
  return { dir, port, file, archive, agent: startAgent(file, dir) };
}

describe('config reload', () => {
  let agent: RunningAgent | undefined;
  afterEach(async () => {
    await agent?.stop();
    agent = undefined;
  });

  it('SIGHUP with a config that does not check: refused with check messages, the running config stays', async () => {
    const run = await runWith('reload-bad', '  loadavg: {}');
    const { port, file, archive } = run;
    agent = run.agent;
    await waitFor(() => archiveLines(archive).some(([p]) => p === 'servers.reloadhost.loadavg.01'), 20_000, 'loadavg lines');
    writeFileSync(file, config(port, archive, '  loadavg: { simple: maybe }'));
    agent.child.kill('SIGHUP');
    await waitFor(() => agent!.output().stderr.includes('reload refused, the running config stays'), 10_000, 'the refusal');
    expect(agent.output().stderr).toContain(`${file}: collectors.loadavg.simple: expected boolean`);
    // One log line, the heading and the first problem joined by a space, not a stray bar.
    expect(agent.output().stderr).toMatch(/ERROR \[agent\] reload refused, the running config stays: [^|\n]*collectors\.loadavg\.simple: expected boolean/);
    const s = await status(port);
    expect(s.reloads.at(-1)?.ok).toBe(false);
    expect(s.reloads.at(-1)?.message).toContain('collectors.loadavg.simple');
    const before = archiveLines(archive).length;
    await sleep(2500);
    expect(archiveLines(archive).length).toBeGreaterThan(before);
    expect(agent.exited).toBe(false);
    // spinel reload says the same and exits 78.
    const cli = await runCli(['reload', '--config', file]);
    expect(cli.code).toBe(78);
    expect(cli.stderr).toContain('collectors.loadavg.simple');
  }, 40_000);

  it('spinel reload: unchanged collectors keep their thread and rates; changed ones restart with new options; removed stop; added start', async () => {
    const run = await runWith('reload-good', '  cpu: {}\n  loadavg: {}\n  memory: {}');
    const { port, file, archive } = run;
    agent = run.agent;
    const idle = 'servers.reloadhost.cpu.total.idle';
    // The check below counts the rates of the 3 s before the reload (the whole seconds
    // among them): wait until the archive holds more than that, not only the first two rates.
    await waitFor(() => archiveLines(archive).filter(([p]) => p === idle).length >= 4, 20_000, 'cpu rates');
    expect(archiveLines(archive).some(([p]) => p === 'servers.reloadhost.loadavg.01_normalized')).toBe(true);

    writeFileSync(file, config(port, archive, '  cpu: {}\n  loadavg: { simple: true }\n  uptime: {}'));
    const reloadedAt = Date.now() / 1000;
    const cli = await runCli(['reload', '--config', file]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('collectors: 1 changed (loadavg), 1 added (uptime), 1 removed (memory); handlers: unchanged');
    // The reload took effect before the CLI returned; a second on, every run is the new config's.
    // Lines reach the archive a batch flush (1 s) after their run, later on a loaded machine: wait
    // for the new entries' lines rather than reading at a fixed time.
    const doneAt = Date.now() / 1000;
    const after = (t: number): boolean => t > doneAt + 1;
    const seen = (prefix: string) => archiveLines(archive).some(([p, , t]) => p.startsWith(prefix) && after(t));
    await waitFor(() => seen('servers.reloadhost.loadavg.load') && seen('servers.reloadhost.uptime.') && seen(idle), 20_000, "the reloaded collectors' lines");
    await sleep(1000);

    const lines = archiveLines(archive);
    // cpu kept its previous counters: a rate every second across the reload, no gap.
    const idleTimes = [...new Set(lines.filter(([p]) => p === idle).map(([, , t]) => t))].sort((a, b) => a - b);
    const around = idleTimes.filter((t) => t > reloadedAt - 3 && t < reloadedAt + 3);
    expect(around.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < around.length; i++) expect((around[i] ?? 0) - (around[i - 1] ?? 0)).toBeLessThanOrEqual(1.01);
    // Diamond's simple mode: the 1-minute load as `load`, no 01/05/15 series.
    expect(lines.some(([p, , t]) => p === 'servers.reloadhost.loadavg.load' && after(t))).toBe(true);
    expect(lines.some(([p, , t]) => p === 'servers.reloadhost.loadavg.01_normalized' && after(t))).toBe(false);
    expect(lines.some(([p, , t]) => p.startsWith('servers.reloadhost.memory.') && after(t))).toBe(false);
    expect(lines.some(([p, , t]) => p.startsWith('servers.reloadhost.uptime.') && after(t))).toBe(true);

    const s = await status(port);
    expect(s.collectors.map((c) => c.key)).toEqual(['cpu', 'loadavg', 'uptime']);
    expect(s.workers.every((w) => w.restarts === 0)).toBe(true);
    expect(s.workers.find((w) => w.plugins.includes('cpu'))?.plugins.sort()).toEqual(['cpu', 'loadavg', 'uptime']);
    expect(s.handlers[0]?.dropped).toBe(0);
    expect(s.reloads.at(-1)).toMatchObject({ ok: true });
  }, 40_000);

  it("only the agent's user, its group and root reload: another local user meets a 0660 control socket and a TCP port that wants the token", async () => {
    const run = await runWith('reload-others', '  loadavg: {}');
    const { port, dir } = run;
    agent = run.agent;
    const socket = path.join(dir, 'control.sock');
    await waitFor(() => agent!.output().stderr.includes('agent started'), 20_000, 'the agent');
    chmodSync(dir, 0o755); // only the socket's own mode decides
    expect(statSync(socket).isSocket()).toBe(true);
    expect(statSync(socket).mode & 0o777).toBe(0o660);
    const nobody = { uid: 65534, gid: 65534, cwd: '/' };
    const bySocket = await runCli(['reload', '--socket', socket], nobody);
    expect(bySocket.code).toBe(69);
    expect(bySocket.stderr).toContain(`cannot use the control socket ${socket} (permission denied`);
    const byTcp = await runCli(['reload', '--url', `http://127.0.0.1:${port}`], nobody);
    expect(byTcp.code).toBe(1);
    expect(byTcp.stderr).toContain('reload over TCP needs agent.status.token');
    // The same TCP request from root is refused too: the port cannot tell one local user from another.
    expect((await runCli(['reload', '--url', `http://127.0.0.1:${port}`])).code).toBe(1);
    expect((await status(port)).reloads).toEqual([]);
    const byOwner = await runCli(['reload', '--socket', socket]);
    expect(byOwner.code).toBe(0);
    expect((await status(port)).reloads.at(-1)).toMatchObject({ ok: true });
  }, 40_000);

  it('a changed handler drains to its old instance, then the new one takes over; nothing dropped', async () => {
    const run = await runWith('reload-handler', '  loadavg: {}', 'first.log');
    const { port, file, dir } = run;
    const first = run.archive;
    const second = path.join(dir, 'second.log');
    agent = run.agent;
    await waitFor(() => archiveLines(first).length > 0, 20_000, 'lines in the first archive');
    writeFileSync(file, config(port, second, '  loadavg: {}'));
    agent.child.kill('SIGHUP');
    await waitFor(() => agent!.output().stderr.includes('config reloaded'), 10_000, 'the reload');
    expect(agent.output().stderr).toContain('collectors: unchanged; handlers: 1 changed (archive)');
    await waitFor(() => archiveLines(second).length > 0, 10_000, 'lines in the second archive');
    const firstSize = readFileSync(first, 'utf8').length;
    await sleep(2000);
    expect(readFileSync(first, 'utf8').length).toBe(firstSize);
    const s = await status(port);
    expect(s.handlers[0]?.dropped).toBe(0);
    // Every loadavg run is in one file or the other: consecutive seconds, none missing.
    const times = [
      ...new Set([...archiveLines(first), ...archiveLines(second)].filter(([p]) => p === 'servers.reloadhost.loadavg.01').map(([, , t]) => t)),
    ].sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeLessThanOrEqual(1.01);
  }, 40_000);
});

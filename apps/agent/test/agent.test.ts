import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveLines, FIXTURES, lastValue, sleep, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

describe('the agent process', () => {
  it('collects cpu, memory and loadavg into the archive and flushes on SIGTERM', async () => {
    const dir = tempDir('agent');
    const archive = path.join(dir, 'archive.log');
    const config = writeConfig(
      dir,
      `agent: { hostname: testhost, telemetry_interval: 1 }
collectors:
  defaults: { interval: 0.5, splay: 0 }
  cpu: {}
  memory: {}
  loadavg: {}
handlers:
  archive: { path: ${archive} }
`,
    );
    const agent = startAgent(config, dir);
    await waitFor(() => archiveLines(archive).some(([p]) => p.startsWith('servers.testhost.cpu.')), 15_000, 'cpu lines in the archive');
    await sleep(1500);
    const code = await agent.stop('SIGTERM');
    expect(code).toBe(0);
    const lines = archiveLines(archive);
    for (const collector of ['cpu', 'memory', 'loadavg']) expect(lines.some(([p]) => p.startsWith(`servers.testhost.${collector}.`))).toBe(true);
    expect(lastValue(lines, 'servers.testhost.memory.MemTotal')).toBeGreaterThan(0);
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.cpu.runs')).toBeGreaterThanOrEqual(2);
    expect(lastValue(lines, 'servers.testhost.spinel.handlers.archive.dropped')).toBe(0);
    expect(agent.output().stderr).toMatch(/agent stopped drained=true/);
  });

  it('publishes the last counters at shutdown, not only at each telemetry tick', async () => {
    const dir = tempDir('agent-final-telemetry');
    const archive = path.join(dir, 'archive.log');
    // The telemetry tick never comes round in this run: what reaches the archive is the shutdown's.
    const config = writeConfig(
      dir,
      `agent: { hostname: testhost, telemetry_interval: 3600 }
collectors:
  exit: { plugin: ${path.join(FIXTURES, 'hostile', 'c-exit.mjs')}, interval: 1, splay: 0 }
handlers:
  archive: { path: ${archive} }
`,
    );
    const agent = startAgent(config, dir);
    await waitFor(() => (agent.output().stderr.match(/worker own:exit exited with code 3/g)?.length ?? 0) >= 2, 20_000, 'two restarts');
    expect(await agent.stop('SIGTERM')).toBe(0);
    const restarts = agent.output().stderr.match(/worker own:exit exited with code 3; restarting/g)?.length;
    expect(lastValue(archiveLines(archive), 'servers.testhost.spinel.collectors.exit.restarts')).toBe(restarts);
  });

  it('restarts crashing, hanging and heap-exhausting collectors while a healthy one keeps its schedule', async () => {
    const dir = tempDir('isolation');
    const archive = path.join(dir, 'archive.log');
    const plugin = (name: string): string => path.join(FIXTURES, 'plugins', `${name}-collector.mjs`);
    const config = writeConfig(
      dir,
      `agent: { hostname: testhost, telemetry_interval: 1 }
collectors:
  defaults: { interval: 0.5, splay: 0 }
  tick: { plugin: ${plugin('tick')}, worker: own }
  crash: { plugin: ${plugin('crash')}, worker: own }
  thrower: { plugin: ${plugin('throw')}, worker: own }
  hang: { plugin: ${plugin('hang')}, worker: own, timeout: 0.5 }
  oom: { plugin: ${plugin('oom')}, worker: own, max_heap_mb: 32 }
handlers:
  archive: { path: ${archive} }
`,
    );
    const agent = startAgent(config, dir);
    const started = Date.now();
    await waitFor(
      () => {
        const lines = archiveLines(archive);
        return ['crash', 'hang', 'oom'].every((c) => (lastValue(lines, `servers.testhost.spinel.collectors.${c}.restarts`) ?? 0) >= 1);
      },
      25_000,
      'a restart of each failing collector',
    );
    await sleep(1000);
    const elapsed = (Date.now() - started) / 1000;
    expect(agent.exited).toBe(false);
    const code = await agent.stop();
    expect(code).toBe(0);
    const lines = archiveLines(archive);
    const ticks = lines.filter(([p]) => p === 'servers.testhost.tick.runs').map(([, v]) => v);
    // Every tick published in order, none lost; about two per second despite the others failing.
    expect(ticks).toEqual(ticks.map((_, i) => i + 1));
    expect(ticks.length).toBeGreaterThanOrEqual(Math.floor(elapsed * 2 * 0.6));
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.tick.restarts')).toBe(0);
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.tick.errors')).toBe(0);
    // A throw inside collect() is a counted error, not a restart.
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.thrower.errors')).toBeGreaterThanOrEqual(2);
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.thrower.restarts')).toBe(0);
    expect(lastValue(lines, 'servers.testhost.spinel.collectors.hang.timeouts')).toBeGreaterThanOrEqual(1);
    const { stderr } = agent.output();
    expect(stderr).toMatch(/worker own:oom ran out of heap \(max_heap_mb 32\); restarting/);
    expect(stderr).toMatch(/worker own:crash crashed: crash-collector blew up; restarting/);
    expect(stderr).toMatch(/worker own:hang is hung: collector hang did not return within 2500 ms; restarting/);
    expect(stderr).toMatch(/collector thrower failed: throw-collector failed on purpose/);
  }, 60_000);

  it('names the collector that blocks a shared worker, not the one that timed out behind it', async () => {
    const dir = tempDir('blame');
    const archive = path.join(dir, 'archive.log');
    const plugin = (name: string): string => path.join(FIXTURES, 'plugins', `${name}-collector.mjs`);
    const config = writeConfig(
      dir,
      `agent: { hostname: testhost, telemetry: false }
collectors:
  tick: { plugin: ${plugin('tick')}, worker: shared, interval: 0.5, splay: 0 }
  hang: { plugin: ${plugin('hang')}, worker: shared, interval: 60, timeout: 60, splay: 0 }
handlers:
  archive: { path: ${archive} }
`,
    );
    const agent = startAgent(config, dir);
    await waitFor(() => /worker shared is hung/.test(agent.output().stderr), 15_000, 'the hang to be detected');
    await agent.stop();
    expect(agent.output().stderr).toMatch(
      /worker shared is hung: collector hang has been running on the thread for \d+\.\d s; collector tick did not return within 2500 ms behind it; restarting/,
    );
  }, 30_000);
});

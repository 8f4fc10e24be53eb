import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../../tooling/services/process.mjs';
import { archiveLines, FIXTURES, lastValue, type RunningAgent, sleep, startAgent, tempDir, waitFor, writeConfig } from './helpers.js';

// The hostile-plugin matrix: every hostile behaviour runs beside cpu (interval 1 s) and the
// archive handler, each hostile plugin in the worker a third-party plugin gets by default (its
// own). The agent must stay up, cpu must publish at every interval and reach the archive whole,
// and each hostile plugin's counter must move.

const HOSTILE = path.join(FIXTURES, 'hostile');
const RUN_MS = 14_000;

type Lines = Array<[string, number, number]>;

/** cpu's runs as seen in the archive: timestamp → lines; the first run publishes no rates. */
function cpuRuns(lines: Lines): Map<number, number> {
  const runs = new Map<number, number>();
  // The rates only: cpu_count comes on the first run too, before there is a rate.
  for (const [p, , t] of lines) if (p.startsWith('servers.h.cpu.') && p !== 'servers.h.cpu.cpu_count') runs.set(t, (runs.get(t) ?? 0) + 1);
  return runs;
}

/**
 * RUN_MS of the agent's life, counted from its start: on a loaded machine, starting Node and the
 * workers can take seconds, which must not shorten the span the cpu check measures.
 */
async function runFor(agent: RunningAgent): Promise<void> {
  await waitFor(() => agent.output().stderr.includes('agent started'), 30_000, 'the agent to start');
  await sleep(RUN_MS);
}

function expectCpuEverySecond(lines: Lines): void {
  const runs = cpuRuns(lines);
  const stamps = [...runs.keys()].sort((a, b) => a - b);
  const first = stamps[0] ?? 0;
  const last = stamps.at(-1) ?? 0;
  expect(last - first).toBeGreaterThanOrEqual(RUN_MS / 1000 - 4);
  // Every run reached the archive whole: each timestamp holds one run's lines, or two runs' when
  // runs started a few ms either side of a second (on a loaded machine that happens more than
  // once in a run, so the runs are counted by their lines, not by their timestamps).
  const sizes = [...runs.values()];
  const perRun = Math.min(...sizes);
  expect(sizes.every((n) => n === perRun || n === 2 * perRun)).toBe(true);
  const runCount = sizes.reduce((sum, n) => sum + n, 0) / perRun;
  expect(runCount).toBeGreaterThanOrEqual(last - first);
  expect(lastValue(lines, 'servers.h.spinel.collectors.cpu.skipped')).toBe(0);
  expect(lastValue(lines, 'servers.h.spinel.collectors.cpu.errors')).toBe(0);
  expect(lastValue(lines, 'servers.h.spinel.collectors.cpu.restarts')).toBe(0);
}

describe('hostile plugins beside cpu and the archive', () => {
  it('collectors that spin, bomb the heap or off-heap memory, throw at import, reject, exit, flood or never resolve', async () => {
    const dir = tempDir('hostile-collectors');
    const archive = path.join(dir, 'archive.log');
    const entry = (name: string, extra = '') => `  ${name}: { plugin: ${path.join(HOSTILE, `c-${name}.mjs`)}${extra} }`;
    const config = writeConfig(
      dir,
      `agent: { hostname: h, telemetry_interval: 1 }
collectors:
  defaults: { interval: 1, splay: 0 }
  cpu: {}
${entry('spin', ', timeout: 1')}
${entry('heapbomb', ', max_heap_mb: 32')}
${entry('offheapbomb', ', max_external_mb: 100')}
${entry('importthrow')}
${entry('reject')}
${entry('exit')}
${entry('exitafter')}
${entry('flood', ', interval: 4')}
${entry('never', ', timeout: 0.5')}
${entry('forge')}
handlers:
  archive: { path: ${archive} }
`,
    );
    const agent = startAgent(config, dir, { env: { SPINEL_TEST_IMPORT_MARKER: path.join(dir, 'import-marker') } });
    await runFor(agent);
    expect(agent.exited).toBe(false);
    expect(await agent.stop()).toBe(0);
    const lines = archiveLines(archive);
    const { stderr } = agent.output();
    expectCpuEverySecond(lines);
    const stat = (collector: string, key: string) => lastValue(lines, `servers.h.spinel.collectors.${collector}.${key}`) ?? 0;
    expect(stat('spin', 'restarts')).toBeGreaterThanOrEqual(1);
    expect(stderr).toMatch(/worker own:spin is hung: collector spin did not return within 3000 ms; restarting/);
    expect(stat('heapbomb', 'restarts')).toBeGreaterThanOrEqual(1);
    expect(stderr).toMatch(/worker own:heapbomb ran out of heap \(max_heap_mb 32\)/);
    expect(stat('offheapbomb', 'restarts')).toBeGreaterThanOrEqual(1);
    expect(stderr).toMatch(/worker own:offheapbomb holds \d+ MB off the heap \(max_external_mb 100\); restarting/);
    expect(stat('importthrow', 'load_errors')).toBeGreaterThanOrEqual(2);
    expect(stderr).toMatch(/collector importthrow failed to load: importthrow fails to load at run time on purpose/);
    expect(stat('reject', 'restarts')).toBeGreaterThanOrEqual(1);
    expect(stat('exit', 'restarts')).toBeGreaterThanOrEqual(1);
    expect(stderr).toMatch(/worker own:exit exited with code 3; restarting/);
    // Good runs do not reset the backoff until the worker has stayed up (60 s): restarts slow
    // down (0.5, 1, 2, 4, 8 s) instead of one a second for ever, and so do their log lines.
    const exitAfter = stat('exitafter', 'restarts');
    expect(exitAfter).toBeGreaterThanOrEqual(2);
    expect(exitAfter).toBeLessThanOrEqual(6);
    expect(stderr.match(/worker own:exitafter exited with code 5; restarting in \d+\.\d s/g)?.length).toBe(exitAfter);
    expect(stat('flood', 'samples')).toBeGreaterThanOrEqual(1_000_000);
    expect(lastValue(lines, 'servers.h.spinel.handlers.archive.dropped')).toBeGreaterThan(0);
    expect(stat('never', 'timeouts')).toBeGreaterThanOrEqual(3);
    expect(stat('never', 'restarts')).toBe(0);
    // Forged names never reach the archive; the honest sample does, and the rest are counted.
    expect(lines.some(([p]) => p.includes('injected') || p.includes('other.host'))).toBe(false);
    expect(lines.some(([p]) => p === 'servers.h.forge.honest')).toBe(true);
    expect(stat('forge', 'rejected')).toBeGreaterThanOrEqual(4);
    expect(stderr).toMatch(/refused a sample: name "evil\\nservers.injected.metric 666 1" contains a control character/);
  }, 60_000);

  it('handlers that throw, hang, spin or exit', async () => {
    const dir = tempDir('hostile-handlers');
    const archive = path.join(dir, 'archive.log');
    const entry = (name: string) => `  ${name}: { plugin: ${path.join(HOSTILE, `h-${name}.mjs`)}, process_timeout: 1, retry_max: 1 }`;
    const config = writeConfig(
      dir,
      `agent: { hostname: h, telemetry_interval: 1 }
collectors:
  cpu: { interval: 1, splay: 0 }
handlers:
  archive: { path: ${archive} }
${entry('throws')}
${entry('hang')}
${entry('spin')}
${entry('exit')}
`,
    );
    const agent = startAgent(config, dir);
    await runFor(agent);
    expect(agent.exited).toBe(false);
    expect(await agent.stop()).toBe(0);
    const lines = archiveLines(archive);
    const { stderr } = agent.output();
    expectCpuEverySecond(lines);
    const stat = (handler: string, key: string) => lastValue(lines, `servers.h.spinel.handlers.${handler}.${key}`) ?? 0;
    expect(stat('archive', 'dropped')).toBe(0);
    expect(stat('archive', 'restarts')).toBe(0);
    expect(stat('throws', 'errors')).toBeGreaterThanOrEqual(2);
    expect(stat('throws', 'retries')).toBeGreaterThanOrEqual(2);
    expect(stderr).toMatch(/handler throws failed a batch of \d+ samples: handler throws on purpose; retrying/);
    for (const name of ['hang', 'spin']) {
      expect(stat(name, 'restarts')).toBeGreaterThanOrEqual(1);
      expect(stderr).toMatch(new RegExp(`worker own:${name} is hung: handler ${name} did not finish a batch within 1000 ms; restarting`));
    }
    expect(stat('exit', 'restarts')).toBeGreaterThanOrEqual(1);
    expect(stderr).toMatch(/worker own:exit exited with code 4; restarting/);
  }, 60_000);
});

describe('memory that grows during one delivery', () => {
  it('a handler allocating 2 GB of Buffers in a delivery is restarted while it grows; the archive and a slow handler beside it lose nothing and are not restarted', async () => {
    const dir = tempDir('hog');
    const archive = path.join(dir, 'archive.log');
    const config = writeConfig(
      dir,
      `agent: { hostname: h, telemetry_interval: 1, status: { enabled: false } }
collectors:
  cpu: { interval: 1, splay: 0 }
handlers:
  archive: { path: ${archive} }
  hog: { plugin: ${path.join(HOSTILE, 'h-hog.mjs')}, retry_max: 1 }
  sleepy: { plugin: ${path.join(HOSTILE, 'h-sleepy.mjs')} }
`,
    );
    const agent = startAgent(config, dir);
    onTestFinished(() => void agent.stop('SIGKILL'));
    // The first delivery's peak: later ones start from memory the allocator has not yet given
    // back to the system (glibc keeps freed 1 MB blocks), which is not what this measures.
    let peakMb = 0;
    const rssMb = (): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${agent.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    const grew =
      /worker own:hog: (the agent grew by|its heap and off-heap reached) \d+ MB during its run or delivery, past the worker's max_heap_mb plus max_external_mb \(384 MB\); restarting it before it finishes/;
    const until = Date.now() + 20_000;
    while (!grew.test(agent.output().stderr) && Date.now() < until) {
      peakMb = Math.max(peakMb, rssMb());
      await sleep(10);
    }
    for (let i = 0; i < 50; i++) {
      peakMb = Math.max(peakMb, rssMb());
      await sleep(10);
    }
    await sleep(6_000);
    expect(agent.exited).toBe(false);
    expect(await agent.stop()).toBe(0);
    console.log(`hog: agent RSS at most ${peakMb.toFixed(0)} MB under the first delivery (the handler asks for 2048 MB)`);
    expect(agent.output().stderr).toMatch(grew);
    expect(peakMb).toBeLessThan(1024);
    const lines = archiveLines(archive);
    expect(lastValue(lines, 'servers.h.spinel.handlers.hog.restarts')).toBeGreaterThanOrEqual(1);
    expect(lastValue(lines, 'servers.h.spinel.handlers.archive.dropped')).toBe(0);
    expect(lastValue(lines, 'servers.h.spinel.handlers.archive.restarts')).toBe(0);
    // Each 3 s delivery of sleepy's is in flight while the hog grows: the process's growth is not its.
    if (typeof (Worker.prototype as { getHeapStatistics?: unknown }).getHeapStatistics === 'function') {
      expect(agent.output().stderr).not.toMatch(/worker own:sleepy/);
      expect(lastValue(lines, 'servers.h.spinel.handlers.sleepy.restarts')).toBe(0);
      expect(lastValue(lines, 'servers.h.spinel.handlers.sleepy.dropped')).toBe(0);
    } else {
      console.log(
        `hog: ${process.version} cannot ask a worker's isolate what it holds (Worker.getHeapStatistics, Node 22.16 and 24 on), so growth alone judges a slow handler beside the hog; not checked here`,
      );
    }
  }, 60_000);
});

describe('an error on the main thread', () => {
  it('thrown once at every timer and event site (SPINEL_FAULTS=all) is logged with its site, and the agent goes on', async () => {
    const { GUARDED_SITES } = await import('@spinel/core');
    const dir = tempDir('faults');
    const archive = path.join(dir, 'archive.log');
    const port = await freePort();
    const config = writeConfig(
      dir,
      `agent: { hostname: h, telemetry_interval: 1, status: { port: ${port}, history_step: 1, control_socket: ${path.join(dir, 'control.sock')} } }
collectors:
  defaults: { interval: 1, splay: 0 }
  cpu: {}
  exit: { plugin: ${path.join(HOSTILE, 'c-exit.mjs')} }
  spin: { plugin: ${path.join(HOSTILE, 'c-spin.mjs')}, timeout: 1 }
handlers:
  archive: { path: ${archive} }
  throws: { plugin: ${path.join(HOSTILE, 'h-throws.mjs')}, process_timeout: 1, retry_max: 1 }
`,
    );
    const agent = startAgent(config, dir, { env: { SPINEL_FAULTS: 'all' } });
    onTestFinished(() => void agent.stop('SIGKILL'));
    await waitFor(() => agent.output().stderr.includes('agent started'), 20_000, 'the agent');
    const ask = async (): Promise<number> => (await fetch(`http://127.0.0.1:${port}/api/status`)).status;
    expect(await ask()).toBe(500); // the injected fault at status.request, answered, not fatal
    expect(await ask()).toBe(200);
    agent.child.kill('SIGHUP');
    await sleep(RUN_MS);
    agent.child.kill('SIGHUP'); // the second signal reloads
    await waitFor(() => agent.output().stderr.includes('config reloaded'), 10_000, 'a reload after the faulted one');
    expect(agent.exited).toBe(false);
    expect(await agent.stop()).toBe(0);
    const { stderr } = agent.output();
    for (const site of GUARDED_SITES) expect(stderr).toContain(`${site}: injected fault at ${site} (SPINEL_FAULTS); the agent goes on`);
    const lines = archiveLines(archive);
    // cpu published every second but for the run the scheduler faults took, and the exit
    // collector's worker kept being restarted.
    const stamps = [...new Set(lines.filter(([p]) => p === 'servers.h.cpu.total.idle').map(([, , t]) => t))];
    expect(stamps.length).toBeGreaterThanOrEqual(RUN_MS / 1000 - 3);
    expect(lastValue(lines, 'servers.h.spinel.collectors.exit.restarts')).toBeGreaterThanOrEqual(2);
    expect(lastValue(lines, 'servers.h.spinel.collectors.spin.restarts')).toBeGreaterThanOrEqual(1);
    expect(lastValue(lines, 'servers.h.spinel.handlers.throws.retries')).toBeGreaterThanOrEqual(2);
    expect(lastValue(lines, 'servers.h.spinel.handlers.archive.dropped')).toBe(0);
  }, 60_000);
});

import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorContractSuite } from '@spinel/testing/vitest';
import { CollectorHarness } from '@spinel/testing';
import collector from '@spinel/collector-processresources';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { '1/stat': '1 nginx S\n' }, message: '1/stat: expected "<pid> (<name>) <state> ...", found "1 nginx S\\n"' },
  // Processes come and go: each round a new pid, its CPU state keyed by pid and start time.
  leak: {
    options: { process: { web: { name: '^web' } } },
    perRound: (round) => ({
      proc: {
        meminfo: 'MemTotal: 1000 kB\n',
        stat: 'btime 1\n',
        [`${1000 + round}/stat`]: `${1000 + round} (web-${round}) S 1 1 1 0 -1 0 0 0 0 0 ${round} 1 0 0 20 0 1 0 ${round} 1000 10 0 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`,
        [`${1000 + round}/statm`]: '10 5 1 1 0 2 0\n',
      },
    }),
  },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', String(process.pid), 'stat') },
});

const now = (): number => Date.now() / 1000;

describe('processresources against real processes', () => {
  const children: ChildProcess[] = [];
  let dir = '';
  const marker = `spinel-proc-test-${process.pid}`;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-processresources-'));
    // Three sleepers that name themselves in their command line, one of them with a pid file.
    for (let i = 0; i < 3; i++) children.push(spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: 'ignore' }));
    writeFileSync(path.join(dir, 'one.pid'), `${children[0]?.pid}\n`);
  });
  afterAll(() => {
    for (const child of children) child.kill();
  });

  it('sums a group matched by command line and counts its workers; a pid file picks one; selfmon finds the agent', async () => {
    const h = new CollectorHarness(collector, {
      live: true,
      clock: now,
      settings: { interval: 1 },
      options: {
        process: {
          sleepers: { cmdline: marker, count_workers: true },
          first: { pid_file: path.join(dir, 'one.pid'), count_workers: true },
          me: { selfmon: true },
          root: { user: 'root', count_workers: true },
        },
      },
    });
    await h.step({ time: now() });
    await new Promise((r) => setTimeout(r, 1000));
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const v = step.values;
    expect(v.get('sleepers.workers_count')).toBe(3);
    expect(v.get('first.workers_count')).toBe(1);
    expect(v.get('sleepers.memory_info_ex.rss')).toBeGreaterThan(3 * 10 * 1024 * 1024);
    expect(v.get('sleepers.num_threads')).toBeGreaterThanOrEqual(3 * 7);
    expect(v.get('sleepers.num_fds')).toBeGreaterThanOrEqual(3 * 3);
    expect(v.get('sleepers.cpu_percent')).toBeGreaterThanOrEqual(0);
    expect(v.get('sleepers.cpu_percent')).toBeLessThan(50);
    expect(v.get('me.memory_info_ex.rss')).toBeGreaterThan(0);
    expect(v.get('me.uptime')).toBeGreaterThan(0);
    if (process.getuid?.() === 0) expect(v.get('root.workers_count')).toBeGreaterThanOrEqual(4);
  });

  it('publishes a zero count, and nothing else, for a group whose processes are gone', async () => {
    const h = new CollectorHarness(collector, { live: true, clock: now, options: { process: { gone: { cmdline: `${marker}-never`, count_workers: true } } } });
    const step = await h.step({ time: now() });
    await h.close();
    expect([...step.values]).toEqual([['gone.workers_count', 0]]);
  });
});

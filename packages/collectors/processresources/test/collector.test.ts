import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe("Diamond's testprocessresources.py `test`", () => {
  // Its psutil mocks, as a /proc: each process's rss (and vms) is given in statm's unit, pages, so
  // the group sums are Diamond's numbers times the page size (psutil's byte counts of 1 and 3 are
  // not a whole number of pages). Every process started at boot; the clock is Diamond's 1234567890.
  const PROCESSES: Array<{ pid: number | 'self'; exe: string; name: string; rss: number; vms: number }> = [
    { pid: 1427, exe: '/usr/lib/postgresql/9.1/bin/postgres', name: 'postgres', rss: 1000000, vms: 1000000 },
    { pid: 1445, exe: '', name: 'postgres: writer process   ', rss: 100000, vms: 200000 },
    { pid: 1446, exe: '', name: 'postgres: wal writer process   ', rss: 10000, vms: 20000 },
    { pid: 1447, exe: '', name: 'postgres: autovacuum launcher process   ', rss: 1000, vms: 2000 },
    { pid: 1448, exe: '', name: 'postgres: stats collector process   ', rss: 100, vms: 200 },
    { pid: 9999, exe: '', name: 'posgre: not really', rss: 10, vms: 20 },
    { pid: 9998, exe: '/usr/bin/foo', name: 'bar', rss: 1, vms: 1 },
    { pid: 9997, exe: '', name: 'barein', rss: 2, vms: 2 },
    { pid: 9996, exe: '/usr/bin/bar', name: '', rss: 3, vms: 3 },
    { pid: 'self', exe: 'DUMMY', name: 'DUMMY', rss: 1234, vms: 4 },
  ];
  const CONFIG = {
    postgres: { exe: '^\\/usr\\/lib\\/postgresql\\/+d.+d\\/bin\\/postgres', name: ['postgres', 'pg'] },
    foo: { exe: '^\\/usr\\/bin\\/foo' },
    bar: { name: '^bar' },
    barexe: { exe: 'bar$' },
    noprocess: { name: 'noproc', count_workers: 'true' },
    'diamond-selfmon': { selfmon: 'true' },
  };

  function diamondProc(): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'spinel-diamond-proc-'));
    const put = (relative: string, text: string): void => {
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), text);
    };
    put('stat', 'cpu  1 2 3 4 5 6 7 0 0 0\nbtime 0\n');
    put('meminfo', 'MemTotal:        8000000 kB\n');
    for (const p of PROCESSES) {
      const pid = p.pid === 'self' ? process.pid : p.pid;
      // psutil's cpu_times (0.27, 1.05 s) and a start at boot, as the mocks give them.
      put(
        `${pid}/stat`,
        `${pid} (${p.name}) S 1 ${pid} ${pid} 0 -1 4194560 0 0 0 0 27 105 0 0 20 0 1 0 0 ${p.vms * 4096} ${p.rss} 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`,
      );
      put(`${pid}/status`, `Name:\t${p.name.slice(0, 15)}\nUid:\t0\t0\t0\t0\nThreads:\t1\nvoluntary_ctxt_switches:\t2243\nnonvoluntary_ctxt_switches:\t221\n`);
      put(`${pid}/statm`, `${p.vms} ${p.rss} 320 46 0 212 0\n`);
      put(`${pid}/cmdline`, `${p.exe}\0`);
      for (let fd = 0; fd < 10; fd++) put(`${pid}/fd/${fd}`, '');
      if (p.exe) symlinkSync(p.exe, path.join(root, String(pid), 'exe'));
    }
    return root;
  }

  it('sums each group over the processes its rules match (a process in two groups counts in both), counts a group that runs none, and finds the agent itself', async () => {
    const dir = diamondProc();
    const h = new CollectorHarness(collector, { options: { process: CONFIG } });
    const step = await h.step({ time: 1234567890, proc: { dir } });
    await h.close();
    const page = 4096;
    expect(step.result.error).toBeUndefined();
    expect(step.values.get('foo.uptime')).toBe(1234567890);
    expect(step.values.get('foo.num_fds')).toBe(10);
    expect(step.values.get('postgres.memory_info_ex.rss')).toBe((1000000 + 100000 + 10000 + 1000 + 100) * page);
    expect(step.values.get('foo.memory_info_ex.rss')).toBe(1 * page);
    expect(step.values.get('bar.memory_info_ex.rss')).toBe((1 + 2) * page);
    expect(step.values.get('barexe.memory_info_ex.rss')).toBe(3 * page);
    expect(step.values.get('diamond-selfmon.memory_info_ex.rss')).toBe(1234 * page);
    expect(step.values.get('noprocess.workers_count')).toBe(0);
    expect(step.values.has('noprocess.uptime')).toBe(false);
  });
});

// CPU time per collection cycle of the default collectors (cpu, memory, loadavg), in-process
// through the same CollectorRunner the workers use, over N cycles (default 1000); beside it
// collectd's CPU per cycle for its cpu, memory and load plugins, measured in the same run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BatchEncoder, CollectorRunner, createHostPaths, createLogger, hostRootsFromEnv } from '@spinel/core';
import { validateOptions } from '@spinel/sdk';
import cpu from '@spinel/collector-cpu';
import memory from '@spinel/collector-memory';
import loadavg from '@spinel/collector-loadavg';
import { cpuSeconds, findBinary, fmt, sleep, start, stop, table } from './lib.mjs';

const cycles = Number(process.env.BENCH_CYCLES ?? 1000);
const settings = (def) => ({
  instance: def.name, path: def.path, pathPrefix: 'servers', pathSuffix: '', hostname: 'bench', instancePrefix: 'instances',
  interval: 1, timeout: 10, metricsWhitelist: [], metricsBlacklist: [], measureCollectorTime: false, maxSeriesState: 100_000,
});
const deps = { clock: () => Date.now() / 1000, hostPaths: createHostPaths(hostRootsFromEnv()), log: createLogger({ level: 'error' }) };
const runners = [cpu, memory, loadavg].map((def) => new CollectorRunner(def, validateOptions(def.options, {}).value, settings(def), deps));
// As in a worker: every sample is encoded into the batch that would cross to the handlers.
let published = 0;
const encoder = new BatchEncoder('bench', 'bench');
const emit = (sample) => {
  published++;
  encoder.add(sample);
};
const cycle = async () => {
  for (const r of runners) {
    await r.run(emit);
    encoder.take();
  }
};
for (let i = 0; i < 50; i++) await cycle(); // warm up
published = 0;
const before = process.cpuUsage();
const wallStart = performance.now();
for (let i = 0; i < cycles; i++) await cycle();
const used = process.cpuUsage(before);
const spinelMs = (used.user + used.system) / 1000 / cycles;
console.log(`spinel: ${cycles} cycles, ${published / cycles} samples per cycle, wall ${fmt((performance.now() - wallStart) / cycles, 3)} ms per cycle`);

const rows = [['agent', 'CPU ms per cycle', 'spinel / this']];
rows.push(['spinel (cpu, memory, loadavg)', fmt(spinelMs, 3), '1.00']);
const collectd = findBinary('/usr/sbin/collectd');
if (collectd) {
  const interval = 0.05;
  const seconds = (cycles * interval);
  const work = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-cycle-'));
  const conf = path.join(work, 'collectd.conf');
  // A short interval gives the same number of cycles in reasonable time; csv writes what it reads.
  writeFileSync(conf, `Interval ${interval}\nBaseDir "${work}"\nPIDFile "${work}/collectd.pid"\nLoadPlugin cpu\nLoadPlugin memory\nLoadPlugin load\nLoadPlugin csv\n<Plugin csv>\n  DataDir "${work}/csv"\n</Plugin>\n`);
  const proc = start(collectd, ['-f', '-C', conf]);
  await sleep(2000);
  const c0 = cpuSeconds(proc.pid);
  await sleep(seconds * 1000);
  const c1 = cpuSeconds(proc.pid);
  await stop(proc);
  const collectdMs = ((c1 - c0) * 1000) / cycles;
  rows.push([`collectd (cpu, memory, load, csv; ${cycles} cycles at ${interval} s)`, fmt(collectdMs, 3), fmt(spinelMs / collectdMs, 2)]);
} else console.log('peer collectd: not installed (apt-get install collectd-core), skipped');
console.log(`\nCPU time per collection cycle (goal for spinel: under 1 ms)`);
console.log(table(rows));

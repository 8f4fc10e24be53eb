// CPU time per collection cycle, in-process through the same CollectorRunner and BatchEncoder
// the workers use, over N cycles (default 1000), beside collectd with the matching plugins
// measured in the same run over the same number of cycles:
//   basic:   cpu, memory, loadavg                                  vs collectd cpu, memory, load
//   default: + vmstat, diskspace, diskusage, network (the default) vs + interface, df, disk, vmem
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BatchEncoder, CollectorRunner, createHostPaths, createLogger, hostRootsFromEnv } from '@spinel/core';
import { validateOptions } from '@spinel/sdk';
import cpu from '@spinel/collector-cpu';
import memory from '@spinel/collector-memory';
import loadavg from '@spinel/collector-loadavg';
import vmstat from '@spinel/collector-vmstat';
import diskspace from '@spinel/collector-diskspace';
import diskusage from '@spinel/collector-diskusage';
import network from '@spinel/collector-network';
import { benchSettings, cpuSeconds, findBinary, fmt, sleep, start, stop, table } from './lib.mjs';

const cycles = Number(process.env.BENCH_CYCLES ?? 1000);
const sets = [
  { name: 'basic', spinel: [cpu, memory, loadavg], collectd: ['cpu', 'memory', 'load'] },
  {
    name: 'default',
    spinel: [cpu, memory, loadavg, vmstat, diskspace, diskusage, network],
    collectd: ['cpu', 'memory', 'load', 'interface', 'df', 'disk', 'vmem'],
  },
];
const deps = { clock: () => Date.now() / 1000, hostPaths: createHostPaths(hostRootsFromEnv()), log: createLogger({ level: 'error' }) };

async function spinelCycle(definitions) {
  const runners = definitions.map((def) => new CollectorRunner(def, validateOptions(def.options, {}).value, benchSettings(def), deps));
  // As in a worker: every sample is encoded into the batch that would cross to the handlers.
  let published = 0;
  const encoder = new BatchEncoder('bench', 'bench');
  const emit = (sample) => {
    published++;
    encoder.add(sample);
  };
  const cycle = async () => {
    for (const r of runners) {
      const result = await r.run(emit);
      if (result.error) throw new Error(`${r.definition.name}: ${result.error.message}`);
      encoder.take();
    }
  };
  for (let i = 0; i < 50; i++) await cycle(); // warm up
  published = 0;
  const before = process.cpuUsage();
  for (let i = 0; i < cycles; i++) await cycle();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000 / cycles, samples: published / cycles };
}

async function collectdCycle(plugins) {
  const collectd = findBinary('/usr/sbin/collectd');
  if (!collectd) return undefined;
  const interval = 0.05;
  const work = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-cycle-'));
  const conf = path.join(work, 'collectd.conf');
  // A short interval gives the same number of cycles in reasonable time; csv writes what it reads.
  writeFileSync(
    conf,
    [
      `Interval ${interval}`,
      `BaseDir "${work}"`,
      `PIDFile "${work}/collectd.pid"`,
      ...plugins.map((p) => `LoadPlugin ${p}`),
      'LoadPlugin csv',
      '<Plugin csv>',
      `  DataDir "${work}/csv"`,
      '</Plugin>',
      '',
    ].join('\n'),
  );
  const proc = start(collectd, ['-f', '-C', conf]);
  await sleep(2000);
  const c0 = cpuSeconds(proc.pid);
  await sleep(cycles * interval * 1000);
  const c1 = cpuSeconds(proc.pid);
  await stop(proc);
  return ((c1 - c0) * 1000) / cycles;
}

const rows = [['set', 'spinel CPU ms/cycle', 'samples/cycle', 'collectd CPU ms/cycle', 'spinel / collectd']];
for (const set of sets) {
  const spinel = await spinelCycle(set.spinel);
  const collectd = await collectdCycle(set.collectd);
  rows.push([
    `${set.name}: ${set.spinel.map((d) => d.name).join(', ')} | collectd ${set.collectd.join(', ')}`,
    fmt(spinel.ms, 3),
    fmt(spinel.samples, 0),
    collectd === undefined ? 'not installed' : fmt(collectd, 3),
    collectd === undefined ? '-' : fmt(spinel.ms / collectd, 2),
  ]);
}
console.log(`\nCPU time per collection cycle over ${cycles} cycles (goals: basic under 1 ms; default at most half of collectd's)`);
console.log(table(rows));

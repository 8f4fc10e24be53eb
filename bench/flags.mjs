#!/usr/bin/env node
// V8 flags against the whole `spinel run` process (issue 34): the default collector set and the
// archive at one interval, each variant started alone, CPU per cycle from schedstat over a window
// after a warm-up, RSS and anonymous memory (smaps_rollup) at its end. The agent runs on the
// Node.js the packages ship unless BENCH_NODE names another.
//   node bench/flags.mjs                                            # no flags, --no-maglev, --max-semi-space-size=1, --jitless
//   BENCH_FLAGS='["","--no-opt"]' BENCH_ROUNDS=3 node bench/flags.mjs
//   BENCH_INTERVAL=10 BENCH_WARMUP=60 BENCH_SECONDS=60 node bench/flags.mjs
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, fmt, rssMb, shippedNode, sleep, start, stop, table, writeSpinelConfig } from './lib.mjs';

const CLI = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const NODE = process.env.BENCH_NODE ?? shippedNode() ?? process.execPath;
const variants = JSON.parse(process.env.BENCH_FLAGS ?? '["","--no-maglev","--max-semi-space-size=1","--jitless"]');
const interval = Number(process.env.BENCH_INTERVAL ?? 1);
const warmupMs = Number(process.env.BENCH_WARMUP ?? 40) * 1000;
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
async function measure(flags) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-flags-'));
  const proc = start(NODE, [...flags, CLI, 'run', '--config', writeSpinelConfig(dir, { interval })], { cwd: dir });
  try {
    await sleep(warmupMs);
    const before = cpuSeconds(proc.pid);
    await sleep(seconds * 1000);
    const cpuMs = (cpuSeconds(proc.pid) - before) * 1000;
    const rollup = readFileSync(`/proc/${proc.pid}/smaps_rollup`, 'utf8');
    const anonymous = Number(/Anonymous:\s+(\d+)/.exec(rollup)?.[1] ?? 0) / 1024;
    return { cpu: cpuMs / (seconds / interval), rss: rssMb(proc.pid), anonymous };
  } finally {
    await stop(proc);
  }
}

const rows = [['flags', 'CPU ms/cycle', 'RSS MB', 'anonymous MB']];
for (let round = 0; round < rounds; round++) {
  for (const variant of variants) {
    const m = await measure(variant.split(' ').filter(Boolean));
    rows.push([variant || '(none)', fmt(m.cpu, 2), fmt(m.rss, 1), fmt(m.anonymous, 1)]);
  }
}
console.log(`agent on ${NODE}; default set + archive at ${interval} s, ${seconds} s windows after ${warmupMs / 1000} s`);
console.log(table(rows));

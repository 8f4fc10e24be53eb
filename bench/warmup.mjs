#!/usr/bin/env node
// How the whole process's CPU per cycle settles over a long run (issue 34): at a 10 s interval a
// cycle's code runs six times a minute, so V8 takes many minutes to tier it up, and a short
// warm-up measures the agent's first minutes, not a host's steady state. Starts each Spinel variant
// (V8 flags, default none) and collectd together, then reads CPU per cycle from schedstat in
// successive windows.
//
//   node bench/warmup.mjs                                  # 10 s interval, 10 windows of 2 minutes
//   BENCH_FLAGS='["","--no-flush-bytecode"]' node bench/warmup.mjs
//   BENCH_INTERVAL=1 BENCH_WINDOWS=5 BENCH_WINDOW_SECONDS=60 node bench/warmup.mjs
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, findBinary, fmt, shippedNode, sleep, start, stop, table, writeCollectdConfig, writeSpinelConfig } from './lib.mjs';

const CLI = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const NODE = process.env.BENCH_NODE ?? shippedNode() ?? process.execPath;
const variants = JSON.parse(process.env.BENCH_FLAGS ?? '[""]');
const interval = Number(process.env.BENCH_INTERVAL ?? 10);
const windows = Number(process.env.BENCH_WINDOWS ?? 10);
const windowSeconds = Number(process.env.BENCH_WINDOW_SECONDS ?? 120);
const processes = variants.map((flags) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-warmup-'));
  const args = [...flags.split(' ').filter(Boolean), CLI, 'run', '--config', writeSpinelConfig(dir, { interval })];
  return { name: `spinel ${flags || '(no flags)'}`, proc: start(NODE, args, { cwd: dir }) };
});
const collectd = findBinary('/usr/sbin/collectd');
if (collectd) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-warmup-collectd-'));
  processes.push({ name: 'collectd', proc: start(collectd, ['-f', '-C', writeCollectdConfig(dir, interval)]) });
}

const rows = [['minutes', ...processes.map((p) => `${p.name} ms/cycle`)]];
const cyclesPerWindow = windowSeconds / interval;
try {
  let before = processes.map((p) => cpuSeconds(p.proc.pid));
  for (let w = 1; w <= windows; w++) {
    await sleep(windowSeconds * 1000);
    const now = processes.map((p) => cpuSeconds(p.proc.pid));
    const from = ((w - 1) * windowSeconds) / 60;
    const digits = windowSeconds % 60 === 0 ? 0 : 1;
    rows.push([`${fmt(from, digits)}-${fmt(from + windowSeconds / 60, digits)}`, ...now.map((s, i) => fmt(((s - before[i]) * 1000) / cyclesPerWindow, 2))]);
    console.error(rows.at(-1).join('  '));
    before = now;
  }
} finally {
  for (const p of processes) await stop(p.proc);
}
console.log(`\nCPU per cycle in successive ${windowSeconds} s windows from start, interval ${interval} s, on ${NODE}\n${table(rows)}`);

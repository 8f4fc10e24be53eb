#!/usr/bin/env node
// The whole `spinel run` process against collectd, in the same run (issue 13): CPU per cycle at
// a 1 s and a 10 s interval, the idle cost with nothing due, the self-telemetry share, and RSS
// over time. CPU is each thread's run time from /proc/<pid>/task/*/schedstat (nanoseconds), so
// every thread of each process counts.
//
//   node bench/process.mjs                       # 60 s windows after a 60 s warm-up
//   BENCH_WARMUP=15 node bench/process.mjs       # a shorter warm-up (start-up tail included)
//   BENCH_SECONDS=20 node bench/process.mjs      # shorter windows
//   BENCH_RSS_MINUTES=1,5 node bench/process.mjs # RSS read at other minutes (default 1,5,10; none: -)
//   BENCH_NODE=node node bench/process.mjs       # the agent on the Node.js running this script
//   BENCH_PART=idle node bench/process.mjs       # one part: cpu (1 s and 10 s), idle (and telemetry), rss
//   BENCH_INTERVALS=10 node bench/process.mjs    # the cpu part at these intervals only (default 1,10)
//   BENCH_TELEMETRY=off node bench/process.mjs   # the cpu part without self-telemetry
//
// The agent runs on the Node.js the packages ship (the registry's node-linux-<arch> in
// node_modules, issue 30) unless BENCH_NODE names another. Spinel and collectd are measured in the
// same window, side by side, so a machine that slows down slows both. The status server is on.
//
// The RSS series runs beside the CPU measurements (its agent and collectd start first and are read
// at the given minutes): a 10 s-interval agent adds well under 1 % of a core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  COLLECTD_DEFAULT,
  cpuSeconds,
  findBinary,
  fmt,
  rssMb,
  SPINEL_DEFAULT,
  shippedNode,
  sleep,
  start,
  stop,
  table,
  writeCollectdConfig,
  writeSpinelConfig,
} from './lib.mjs';

const CLI = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const NODE = process.env.BENCH_NODE ?? shippedNode() ?? process.execPath;
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rssMinutes = (process.env.BENCH_RSS_MINUTES ?? '1,5,10')
  .split(',')
  .filter((m) => m && m !== '-')
  .map(Number);
// Past start-up (module loading, the loader pool, V8's first memory-reducing GCs) and past the
// minute in which TurboFan is still optimizing a once-a-second workload: steady state, as a host
// running the agent for days sees it.
const WARMUP_MS = Number(process.env.BENCH_WARMUP ?? 60) * 1000;
const intervals = (process.env.BENCH_INTERVALS ?? '1,10').split(',').map(Number);
const cpuTelemetry = process.env.BENCH_TELEMETRY !== 'off';

/** CPU ms of running processes over one window of `ms`, after a warm-up; and their RSS at its end. */
async function cpuOver(pids, ms) {
  await sleep(WARMUP_MS);
  const before = pids.map((pid) => cpuSeconds(pid));
  await sleep(ms);
  return pids.map((pid, i) => ({ ms: (cpuSeconds(pid) - before[i]) * 1000, rss: rssMb(pid) }));
}

function startSpinel(options) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-process-'));
  return start(NODE, [CLI, 'run', '--config', writeSpinelConfig(dir, options)], { cwd: dir });
}

function startCollectd(interval) {
  const binary = findBinary('/usr/sbin/collectd');
  if (!binary) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-collectd-'));
  return start(binary, ['-f', '-C', writeCollectdConfig(dir, interval)]);
}

/** Spinel alone: its CPU ms over the window and RSS. */
async function spinel(options, windowMs) {
  const proc = startSpinel(options);
  try {
    const [s] = await cpuOver([proc.pid], windowMs);
    return s;
  } finally {
    await stop(proc);
  }
}

/** Spinel and collectd at one interval, side by side in the same window. */
async function sideBySide(interval, windowMs) {
  const agent = startSpinel({ interval, telemetry: cpuTelemetry });
  const peer = startCollectd(interval);
  try {
    const [s, c] = await cpuOver(peer ? [agent.pid, peer.pid] : [agent.pid], windowMs);
    return { s, c };
  } finally {
    await stop(agent);
    if (peer) await stop(peer);
  }
}

/** The default agent and collectd at interval 10 s, their RSS read at each of `minutes`. */
async function rssOverTime(minutes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-process-rss-'));
  const agent = start(NODE, [CLI, 'run', '--config', writeSpinelConfig(dir, { interval: 10 })], { cwd: dir });
  const binary = findBinary('/usr/sbin/collectd');
  const peer = binary ? start(binary, ['-f', '-C', writeCollectdConfig(dir, 10)]) : undefined;
  const rows = [['minute', 'spinel RSS MB', 'collectd RSS MB']];
  let elapsed = 0;
  for (const minute of minutes) {
    await sleep((minute * 60 - elapsed) * 1000);
    elapsed = minute * 60;
    rows.push([String(minute), fmt(rssMb(agent.pid), 1), peer ? fmt(rssMb(peer.pid), 1) : 'not installed']);
  }
  await stop(agent);
  if (peer) await stop(peer);
  return rows;
}

const part = process.env.BENCH_PART;
const runs = (name) => part === undefined || part === name;
console.log(`agent on ${NODE} (${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()})`);
const rssSeries = rssMinutes.length > 0 && runs('rss') ? rssOverTime(rssMinutes) : undefined;
const windowMs = seconds * 1000;
const rows = [['interval', 'spinel run CPU ms/cycle', 'collectd CPU ms/cycle', 'spinel / collectd', 'spinel RSS MB', 'collectd RSS MB']];
for (const interval of runs('cpu') ? intervals : []) {
  const cycles = seconds / interval;
  const { s, c } = await sideBySide(interval, windowMs);
  rows.push([
    `${interval} s (${cycles} cycles)`,
    fmt(s.ms / cycles, 2),
    c ? fmt(c.ms / cycles, 2) : 'not installed',
    c ? fmt(s.ms / c.ms, 2) : '-',
    fmt(s.rss, 1),
    c ? fmt(c.rss, 1) : '-',
  ]);
}
if (runs('cpu'))
  console.log(
    `\nWhole process, default collector set (spinel: ${SPINEL_DEFAULT.join(', ')} + archive${cpuTelemetry ? ' + self-telemetry every 10 s' : ', self-telemetry off'}; collectd: ${COLLECTD_DEFAULT.join(', ')} + csv), ${seconds} s windows after a ${WARMUP_MS / 1000} s warm-up`,
  );
if (runs('cpu')) console.log(table(rows));

// Idle: one collector that is never due within the window, no telemetry; the status server on.
if (runs('idle')) {
  const idle = await spinel({ interval: 1000, collectors: ['loadavg'], telemetry: false }, windowMs);
  // Telemetry share: the default set at 1 s with and without self-telemetry.
  const withoutTelemetry = await spinel({ interval: 1, telemetry: false }, windowMs);
  const withTelemetry = await spinel({ interval: 1, telemetry: true }, windowMs);
  console.log(
    `\n${table([
      ['figure', 'value', 'goal'],
      ['idle: CPU ms per second with nothing due (one collector every 1000 s, telemetry off)', fmt(idle.ms / seconds, 2), '<= 0.3'],
      ['self-telemetry share of the default cycle at 1 s', `${fmt(((withTelemetry.ms - withoutTelemetry.ms) / withoutTelemetry.ms) * 100, 1)} %`, '<= 10 %'],
    ])}`,
  );
}

if (rssSeries) console.log(`\nRSS over time, interval 10 s (goal: spinel <= 64 MB, flat)\n${table(await rssSeries)}`);

#!/usr/bin/env node
// The statsd listener (issue 15) in the whole `spinel run` process: lines per second received on
// one core, the CPU per 100,000 lines of the listener's thread and of the process, and RSS over
// the run, beside collectd's statsd plugin fed the same stream in the same run. A hot-shots
// client in its own process sends at the offered rate (counters, timers, gauges and a set over a
// few thousand keys; plain StatsD, which collectd's parser takes).
//   node bench/statsd.mjs                                  # 100,000 lines/s for 60 s each
//   BENCH_RATE=150000 BENCH_SECONDS=30 node bench/statsd.mjs
//   BENCH_NODE=node node bench/statsd.mjs         # the agent on this Node.js, not the shipped one
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../tooling/services/process.mjs';
import { cpuSeconds, findBinary, fmt, rssMb, shippedNode, sleep, start, stop, table, threadCpuSeconds } from './lib.mjs';

const CLI = fileURLToPath(new URL('../apps/agent/dist/cli.js', import.meta.url));
const SENDER = fileURLToPath(new URL('./statsd-sender.mjs', import.meta.url));
const NODE = process.env.BENCH_NODE ?? shippedNode() ?? process.execPath;
const rate = Number(process.env.BENCH_RATE ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const KEYS = 5000;

/** Runs the sender; meanwhile reads the receiver's RSS every 10 s. */
async function send(port, receiverPid) {
  const child = spawn(process.execPath, [SENDER, String(port), String(rate), String(seconds), String(KEYS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const rss = [];
  const timer = setInterval(() => rss.push(rssMb(receiverPid)), 10_000);
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  return { ...JSON.parse(out.trim().split('\n').at(-1)), rss };
}

/** The busiest thread's CPU (the listener's, for an agent whose only collector is statsd). */
function busiestThread(before, after) {
  let best = ['', 0];
  for (const [thread, secondsNow] of after) {
    const used = secondsNow - (before.get(thread) ?? 0);
    if (used > best[1]) best = [thread, used];
  }
  return best;
}

async function spinel() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-statsd-'));
  const port = await freePort();
  const config = path.join(dir, 'spinel.yaml');
  writeFileSync(
    config,
    `agent: { hostname: bench, telemetry: false }\ncollectors:\n  statsd: { port: ${port}, interval: 10, splay: 0, max_series: 20000 }\nhandlers:\n  archive: { path: ${path.join(dir, 'archive.log')}, rollover_when: never }\n`,
  );
  const agent = start(NODE, [CLI, 'run', '--config', config], { cwd: dir });
  await sleep(3000);
  const rssStart = rssMb(agent.pid);
  const threads0 = threadCpuSeconds(agent.pid);
  const cpu0 = cpuSeconds(agent.pid);
  const { sent, seconds: took, rss } = await send(port, agent.pid);
  await sleep(11_000); // the last interval's flush
  const cpu1 = cpuSeconds(agent.pid);
  const [thread, threadSeconds] = busiestThread(threads0, threadCpuSeconds(agent.pid));
  const rssEnd = rssMb(agent.pid);
  await stop(agent);
  const received = readFileSync(path.join(dir, 'archive.log'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('servers.bench.statsd._listener.lines '))
    .reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);
  return { sent, took, received, cpu: cpu1 - cpu0, thread, threadSeconds, rssStart, rssEnd, rss };
}

async function collectd() {
  const binary = findBinary('/usr/sbin/collectd');
  if (!binary) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-bench-statsd-collectd-'));
  const port = await freePort();
  const conf = path.join(dir, 'collectd.conf');
  writeFileSync(
    conf,
    [
      `Interval 10`,
      `BaseDir "${dir}"`,
      `PIDFile "${dir}/collectd.pid"`,
      'LoadPlugin statsd',
      '<Plugin statsd>',
      '  Host "127.0.0.1"',
      `  Port "${port}"`,
      '  TimerPercentile 90',
      '</Plugin>',
      'LoadPlugin csv',
      '<Plugin csv>',
      `  DataDir "${dir}/csv"`,
      '</Plugin>',
      '',
    ].join('\n'),
  );
  const proc = start(binary, ['-f', '-C', conf]);
  await sleep(2000);
  if (proc.child.exitCode !== null) return { failed: proc.stderr().trim().split('\n').at(-1) };
  const rssStart = rssMb(proc.pid);
  const cpu0 = cpuSeconds(proc.pid);
  const { sent, seconds: took, rss } = await send(port, proc.pid);
  await sleep(11_000);
  const cpu1 = cpuSeconds(proc.pid);
  const rssEnd = rssMb(proc.pid);
  await stop(proc);
  return { sent, took, received: collectdReceived(path.join(dir, 'csv')), cpu: cpu1 - cpu0, rssStart, rssEnd, rss };
}

/**
 * Lines collectd took in, from its csv: a quarter of the stream is `bench.requests.k<n>`
 * increments, each a `derive` counting from 0; their last values sum to those lines received.
 */
function collectdReceived(csvDir) {
  let requests = 0;
  for (const host of readdirSync(csvDir)) {
    const dir = path.join(csvDir, host, 'statsd');
    for (const file of readdirSync(dir).filter((f) => f.startsWith('derive-bench.requests.'))) {
      const last = readFileSync(path.join(dir, file), 'utf8').trim().split('\n').at(-1) ?? '';
      requests += Number(last.split(',')[1]) || 0;
    }
  }
  return requests * 4;
}

const s = await spinel();
const c = await collectd();
const per100k = (cpu, lines) => (cpu / lines) * 100_000 * 1000;
console.log(`\nStatsD: ${fmt(rate, 0)} lines/s offered for ${seconds} s by hot-shots (${KEYS} keys), interval 10 s`);
const rows = [
  ['receiver', 'lines sent', 'received', 'lines/s received', 'CPU s (process)', 'busiest thread CPU s', 'CPU ms per 100k lines', 'RSS start → end MB'],
];
rows.push([
  'spinel run (statsd collector)',
  s.sent,
  s.received,
  fmt(s.received / s.took, 0),
  fmt(s.cpu, 2),
  `${fmt(s.threadSeconds, 2)} (${s.thread.split('#')[0]})`,
  fmt(per100k(s.cpu, s.received), 1),
  `${fmt(s.rssStart)} → ${fmt(s.rssEnd)}`,
]);
if (c && !c.failed)
  rows.push([
    'collectd statsd plugin',
    c.sent,
    `~${c.received}`,
    fmt(c.received / c.took, 0),
    fmt(c.cpu, 2),
    '-',
    fmt(per100k(c.cpu, c.received), 1),
    `${fmt(c.rssStart)} → ${fmt(c.rssEnd)}`,
  ]);
console.log(table(rows));
if (c && !c.failed)
  console.log(
    `spinel / collectd CPU per line received: ${fmt(s.cpu / s.received / (c.cpu / c.received), 2)} (collectd's count is 4 x its bench.requests totals)`,
  );
if (c?.failed) console.log(`collectd: ${c.failed}`);
console.log(
  `RSS every 10 s while receiving (MB): spinel ${s.rss.map((m) => fmt(m)).join(', ')}${c && !c.failed ? `; collectd ${c.rss.map((m) => fmt(m)).join(', ')}` : ''}`,
);
console.log(`busiest spinel thread: ${fmt((s.threadSeconds / s.took) * 100, 0)} % of one core while receiving`);

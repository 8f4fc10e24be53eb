// Small helpers shared by the benchmarks: process memory and CPU from /proc, peers, output.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident set size of a process in MB, from /proc/<pid>/status. */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The Node.js binary the packages ship (the registry's node-linux-<arch>, a dev dependency), if installed. */
export function shippedNode() {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const store = new URL('../node_modules/.pnpm/', import.meta.url);
  const dir = existsSync(store) ? readdirSync(store).find((name) => name.startsWith(`node-linux-${arch}@`)) : undefined;
  const binary = dir && new URL(`${dir}/node_modules/node-linux-${arch}/bin/node`, store).pathname;
  return binary && existsSync(binary) ? binary : undefined;
}

/**
 * CPU seconds a process has used. From the scheduler's per-thread nanosecond counters
 * (/proc/<pid>/task/<tid>/schedstat) where the kernel keeps them, summed over the live threads;
 * else utime+stime from /proc/<pid>/stat, which counts in 10 ms ticks (too coarse for a process
 * that uses a few ms per second). Threads that exit inside a window are not counted by the
 * first way: measure after start-up, when a process's threads are steady.
 */
export function cpuSeconds(pid) {
  const precise = schedstatSeconds(pid);
  if (precise !== undefined) return precise;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
}

function schedstatSeconds(pid) {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    return ns > 0 ? ns / 1e9 : undefined;
  } catch {
    return undefined;
  }
}

/** Seconds each live thread of a process has run, by thread name (from schedstat). */
export function threadCpuSeconds(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      out.set(`${name}#${tid}`, ns / 1e9);
    } catch {
      // the thread exited between the listing and the read
    }
  }
  return out;
}

/** First existing executable among candidates, or undefined. */
export function findBinary(...candidates) {
  return candidates.find((c) => existsSync(c));
}

/** Starts a long-running process and returns it with its pid. */
export function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  return { child, pid: child.pid, stderr: () => stderr };
}

export async function stop(proc, signal = 'SIGTERM') {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.on('exit', r));
  proc.child.kill(signal);
  await Promise.race([exited, sleep(15_000)]);
}

/** CollectorSettings for running a collector definition in-process, as a worker would (interval 1 s). */
export function benchSettings(def) {
  return {
    key: def.name,
    collectorPath: def.path,
    pathPrefix: 'servers',
    pathSuffix: '',
    hostname: 'bench',
    instancePrefix: 'instances',
    interval: 1,
    timeout: 10,
    metricsWhitelist: [],
    metricsBlacklist: [],
    measureCollectorTime: false,
    maxSeriesState: 100_000,
  };
}

export const fmt = (n, digits = 1) => Number(n).toFixed(digits);

export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

/** The agent's default collector set, and collectd's plugins that read the same things. */
export const SPINEL_DEFAULT = ['cpu', 'memory', 'loadavg', 'vmstat', 'network', 'diskspace', 'diskusage'];
export const COLLECTD_DEFAULT = ['cpu', 'memory', 'load', 'interface', 'df', 'disk', 'vmem'];

/** `<dir>/spinel.yaml`: the collectors at one interval, no splay, the status server on, into the archive. */
export function writeSpinelConfig(dir, { interval, collectors = SPINEL_DEFAULT, telemetry = true }) {
  const file = path.join(dir, 'spinel.yaml');
  const entries = collectors.map((c) => `  ${c}: {}`).join('\n');
  writeFileSync(
    file,
    `agent: { hostname: bench, telemetry: ${telemetry}, status: { port: 0 } }\ncollectors:\n  defaults: { interval: ${interval}, splay: 0 }\n${entries}\nhandlers:\n  archive: { path: ${path.join(dir, 'archive.log')}, rollover_when: never }\n`,
  );
  return file;
}

/** `<dir>/collectd.conf`: collectd's peer of the default set at one interval, writing CSV under `dir`. */
export function writeCollectdConfig(dir, interval) {
  const file = path.join(dir, 'collectd.conf');
  const lines = [`Interval ${interval}`, `BaseDir "${dir}"`, `PIDFile "${dir}/collectd.pid"`, ...COLLECTD_DEFAULT.map((p) => `LoadPlugin ${p}`)];
  writeFileSync(file, [...lines, 'LoadPlugin csv', '<Plugin csv>', `  DataDir "${dir}/csv"`, '</Plugin>', ''].join('\n'));
  return file;
}

// Small helpers shared by the benchmarks: process memory and CPU from /proc, peers, output.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident set size of a process in MB, from /proc/<pid>/status. */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** User + system CPU seconds a process has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
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

export const fmt = (n, digits = 1) => Number(n).toFixed(digits);

export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

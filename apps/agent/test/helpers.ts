import net from 'node:net';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `spinel` CLI to completion. */
/** `readAfterMs`: leave stdout unread that long, as a slow reader of a pipe would. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; readAfterMs?: number; uid?: number; gid?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
      uid: options.uid,
      gid: options.gid,
    });
    if (options.readAfterMs) {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), options.readAfterMs);
    }
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`spinel ${args.join(' ')} did not finish in time\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A running agent process; `stop()` sends SIGTERM and waits for the exit. */
export interface RunningAgent {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: boolean;
}

/** `wrap`: a command the agent runs under (`prlimit --nofile=2048 --`). */
export function startAgent(
  configFile: string,
  cwd: string,
  options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; args?: string[]; wrap?: string[] } = {},
): RunningAgent {
  const command = [...(options.wrap ?? []), process.execPath, CLI, 'run', '--config', configFile, ...(options.args ?? [])];
  const child = spawn(command[0]!, command.slice(1), { cwd, env: { ...process.env, ...options.env }, uid: options.uid, gid: options.gid });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const agent: RunningAgent = {
    child,
    exited: false,
    output: () => ({ stdout, stderr }),
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exit;
    },
  };
  void exit.then(() => (agent.exited = true));
  return agent;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `spinel-${prefix}-`));
}

export function writeConfig(dir: string, yaml: string, name = 'spinel.yaml'): string {
  const file = path.join(dir, name);
  writeFileSync(file, yaml);
  return file;
}

/** Archive lines as [path, value, timestamp]. */
export function archiveLines(file: string): Array<[string, number, number]> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [p = '', v = '', t = ''] = line.split(' ');
      return [p, Number(v), Number(t)];
    });
}

/** The latest value of a path in the archive. */
export function lastValue(lines: Array<[string, number, number]>, metricPath: string): number | undefined {
  let value: number | undefined;
  for (const [p, v] of lines) if (p === metricPath) value = v;
  return value;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** pnpm as this test run was started (`pnpm test` sets npm_execpath), else pnpm 10 through npx. */
export function pnpm(args: string[], cwd: string): string {
  const execpath = process.env.npm_execpath;
  const [command, ...prefix] = execpath && /pnpm/.test(execpath) ? [process.execPath, execpath] : ['npx', '--yes', 'pnpm@10'];
  return execFileSync(command!, [...prefix, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
}

/** Public workspace packages as { name, dir }, from the workspace's own listing script. */
export function publicPackages(): Array<{ name: string; dir: string }> {
  const listing = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { workspacePackages } from './tooling/scripts/workspace.mjs'; console.log(JSON.stringify(workspacePackages().filter((p) => !p.pkg.private).map((p) => ({ name: p.pkg.name, dir: p.dir }))))",
    ],
    { cwd: REPO, encoding: 'utf8' },
  );
  return JSON.parse(listing) as Array<{ name: string; dir: string }>;
}

/** Packs packages with `pnpm pack` (workspace: and catalog: ranges become real ones); returns name → tarball. */
export function packPackages(packages: Array<{ name: string; dir: string }>, dest: string): Map<string, string> {
  const tarballs = new Map<string, string>();
  for (const { name, dir } of packages) {
    const out = pnpm(['pack', '--pack-destination', dest], dir).trim().split('\n');
    const file = out.reverse().find((line) => line.trim().endsWith('.tgz'));
    if (!file) throw new Error(`pnpm pack in ${dir} printed no tarball name:\n${out.join('\n')}`);
    tarballs.set(name, path.isAbsolute(file.trim()) ? file.trim() : path.join(dest, path.basename(file.trim())));
  }
  return tarballs;
}

/** `npm install` (npm, as a user would), quiet unless it fails. */
export function npm(args: string[], cwd: string, timeoutMs = 180_000): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, encoding: 'utf8', stdio: 'pipe', timeout: timeoutMs });
}

/** A TCP server that keeps every line written to it (what carbon would receive). */
export async function lineSink(): Promise<{ port: number; lines: string[]; close(): void }> {
  const lines: string[] = [];
  const server = net.createServer((socket) => {
    let pending = '';
    socket.on('data', (d) => {
      const parts = (pending + d.toString()).split('\n');
      pending = parts.pop() ?? '';
      lines.push(...parts);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, lines, close: () => server.close() };
}

/** What the launchers set (tooling/runtime/index.mjs) as a running process `pid` shows it. */
export function launchSettings(pid: number | string): { argv: string[]; env: Record<string, string> } {
  const split = (file: string): string[] => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);
  const env = Object.fromEntries(split('environ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  return { argv: split('cmdline'), env };
}

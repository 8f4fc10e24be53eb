import { spawn, type ChildProcess } from 'node:child_process';
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
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? process.cwd(), env: { ...process.env, ...options.env } });
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

export function startAgent(configFile: string, cwd: string): RunningAgent {
  const child = spawn(process.execPath, [CLI, 'run', '--config', configFile], { cwd });
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

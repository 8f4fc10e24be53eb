import { spawn } from 'node:child_process';

export interface CommandRun {
  stdout: string;
  /** The first 1 KB of stderr, for the run's error. */
  stderr: string;
  code: number | null;
  /** Why the command was stopped: past its deadline or its output cap. */
  stopped?: 'timeout' | 'output';
}

const STDERR_KEEP = 1024;

export interface CommandLimits {
  timeoutMs: number;
  /** Most stdout kept; past it the command is stopped and `stopped` is `output`. */
  maxOutputBytes: number;
  /** The run's signal: an abort stops the command as its deadline would. */
  signal: AbortSignal;
}

/**
 * Runs one executable with its arguments and no shell, in its own process group so that killing
 * it at the deadline or the output cap also ends what it started (a `sleep` in a shell script, the
 * JVM a `kafka-run-class.sh` starts). A command that cannot start rejects (ENOENT, EACCES).
 */
export function runCommand(file: string, args: readonly string[], { timeoutMs, maxOutputBytes, signal }: CommandLimits): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let stopped: CommandRun['stopped'];
    const stop = (why: NonNullable<CommandRun['stopped']>): void => {
      stopped ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group has already gone
      }
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = (): void => stop('timeout');
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      if (stopped) return;
      outBytes += chunk.length;
      if (outBytes > maxOutputBytes) stop('output');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk.toString('utf8').slice(0, STDERR_KEEP - stderr.length);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: stderr.trim(), code, ...(stopped ? { stopped } : {}) });
    });
  });
}

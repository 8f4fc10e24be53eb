import { spawn } from 'node:child_process';
import { SpinelError } from '@spinel/sdk';

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

/** How a command's bounds are named in its errors: `command_timeout (5 s)`, `max_output_kb (4096)`. */
export interface CommandBounds {
  timeout: string;
  output: string;
}

/** A command's failure as a SpinelError (SPINEL_SOURCE_UNREACHABLE): `<command> failed: <why>`. */
export function commandFailure(command: readonly string[], why: string, cause?: unknown): SpinelError {
  return new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${command.join(' ')} failed: ${why}`, cause === undefined ? undefined : { cause });
}

/**
 * Runs a command to its end, whatever its exit status (for a command whose status is not a
 * verdict: smartctl's bit mask); that it could not start (its errno, the error the `cause`), or
 * passed its deadline or its output cap, is a {@link commandFailure}.
 */
export async function commandRun(command: readonly string[], limits: CommandLimits, bounds: CommandBounds): Promise<CommandRun> {
  const [file = '', ...args] = command;
  let run: CommandRun;
  try {
    run = await runCommand(file, args, limits);
  } catch (error) {
    throw commandFailure(command, (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error)), error);
  }
  if (run.stopped === 'timeout') throw commandFailure(command, `no answer within ${bounds.timeout}`);
  if (run.stopped === 'output') throw commandFailure(command, `printed more than ${bounds.output}`);
  return run;
}

/**
 * Runs a command for its stdout; any other outcome is a {@link commandFailure} naming the command
 * and why: it could not start, passed its deadline or its output cap, or exited non-zero (with
 * stderr's first line).
 */
export async function commandOutput(command: readonly string[], limits: CommandLimits, bounds: CommandBounds): Promise<string> {
  const run = await commandRun(command, limits, bounds);
  if (run.code !== 0) throw commandFailure(command, `exited with code ${String(run.code)}${run.stderr ? `: ${run.stderr.split('\n')[0]}` : ''}`);
  return run.stdout;
}

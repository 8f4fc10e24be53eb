import { Backoff } from '../support/backoff.js';
import type { LoadReport } from '../channel/messages.js';
import { describeFailure, type RunFailure } from '../channel/run.js';

/** The code of a run or delivery that found its plugin not loaded (and retrying). */
export const LOAD_FAILED = 'SPINEL_PLUGIN_LOAD_FAILED';

interface Failed<S> {
  spec: S;
  attempts: number;
  nextAt: number;
  backoff: Backoff;
  message: string;
}

/**
 * Plugins that loaded in the validation pool but failed to load in their worker (a dependency
 * missing at run time, a module that throws on a second import). Each is tried again, with a
 * fresh module copy, when a run or delivery asks for it after an exponential backoff, as a
 * crash is; until then the run fails with a counted {@link LOAD_FAILED} error.
 */
export class LoadRetry<S> {
  private readonly failed = new Map<string, Failed<S>>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  record(key: string, spec: S, error: RunFailure): void {
    const entry = this.failed.get(key) ?? { spec, attempts: 0, nextAt: 0, backoff: new Backoff(1_000, 60_000), message: '' };
    entry.attempts++;
    entry.nextAt = this.now() + entry.backoff.next();
    entry.message = error.message;
    this.failed.set(key, entry);
  }

  /** The spec and attempt number when a retry is due now; otherwise undefined. */
  due(key: string): { spec: S; attempt: number } | undefined {
    const entry = this.failed.get(key);
    if (!entry || this.now() < entry.nextAt) return undefined;
    return { spec: entry.spec, attempt: entry.attempts };
  }

  loaded(key: string): void {
    this.failed.delete(key);
  }

  /** The failure a run reports while its plugin is not loaded. */
  failure(key: string): RunFailure | undefined {
    const entry = this.failed.get(key);
    if (!entry) return undefined;
    const waitS = Math.max(0, Math.ceil((entry.nextAt - this.now()) / 1000));
    return {
      name: 'SpinelError',
      code: LOAD_FAILED,
      message: `failed to load (${entry.attempts} attempt${entry.attempts === 1 ? '' : 's'}; next in ${waitS} s): ${entry.message}`,
    };
  }
}

/** A URL that imports a fresh module copy: a failed ESM import is cached by its URL. */
export function freshUrl(url: string, attempt: number): string {
  return attempt === 0 ? url : `${url}${url.includes('?') ? '&' : '?'}spinel-load-attempt=${attempt}`;
}

/**
 * Loads one plugin into this thread: imports its module (a fresh copy on a retry) and `prepare`s
 * the thread's entry for it; a failure so far is left to `retry`. Then the entry is `host`ed and
 * `start`ed; a failure there is reported, and the plugin tries again before its next run.
 */
export async function loadInThread<S extends { key: string; url: string }, E>(
  spec: S,
  attempt: number,
  retry: LoadRetry<S>,
  steps: { prepare(namespace: Record<string, unknown>): E; host(entry: E): void; start(entry: E): Promise<unknown> },
): Promise<LoadReport> {
  let entry: E;
  try {
    entry = steps.prepare((await import(freshUrl(spec.url, attempt))) as Record<string, unknown>);
  } catch (error) {
    const failure = describeFailure(error);
    retry.record(spec.key, spec, failure);
    return { key: spec.key, error: failure };
  }
  retry.loaded(spec.key);
  steps.host(entry);
  try {
    await steps.start(entry);
    return { key: spec.key, error: undefined };
  } catch (error) {
    return { key: spec.key, error: describeFailure(error) };
  }
}

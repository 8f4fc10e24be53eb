import { createLogger, RateLimitedLog } from './logger.js';

/**
 * Every place where the main thread runs code from a timer or an event rather than from a caller
 * that would see its error. An error at one of these would otherwise reach the event loop and end
 * the process: every collector, handler and the status page with it.
 */
export const GUARDED_SITES = [
  'scheduler.tick',
  'scheduler.run',
  'supervisor.restart',
  'supervisor.event',
  'group.deadline',
  'handler.retry',
  'handler.flush',
  'status.history',
  'memory.watch',
  'status.request',
  'reload.signal',
] as const;
export type GuardedSite = (typeof GUARDED_SITES)[number];

/**
 * `SPINEL_FAULTS` (a comma list of sites, or `all`) makes each named site throw once, the first
 * time it is reached: how the tests prove that no site can stop the agent. Unset, a site costs
 * one comparison.
 */
const armed = new Set(
  (process.env.SPINEL_FAULTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const fired = new Set<string>();

export function faultPoint(site: GuardedSite): void {
  if (armed.size === 0 || fired.has(site) || !(armed.has(site) || armed.has('all'))) return;
  fired.add(site);
  throw new Error(`injected fault at ${site} (SPINEL_FAULTS)`);
}

let errors = new RateLimitedLog(createLogger({ scope: 'agent' }));

/** Where guarded errors are reported: the agent's rate-limited log (one line per site a minute). */
export function reportGuardedErrorsTo(log: RateLimitedLog): void {
  errors = log;
}

export function reportGuardedError(site: GuardedSite | 'uncaught', error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  errors.error(`guard:${site}`, `${site}: ${message}; the agent goes on`, { stack: error instanceof Error ? error.stack : undefined });
}

/**
 * Runs `body` for a timer or event at `site`: an error is reported, then `recover` puts the
 * site's work back on track (re-arm, restart the worker), and nothing reaches the event loop.
 */
export function guarded<A extends unknown[]>(site: GuardedSite, body: (...args: A) => void, recover?: (error: unknown) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      faultPoint(site);
      body(...args);
    } catch (error) {
      reportGuardedError(site, error);
      try {
        recover?.(error);
      } catch (again) {
        reportGuardedError(site, again);
      }
    }
  };
}

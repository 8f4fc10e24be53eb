import type { LogFields, Logger } from '@spinel/sdk';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogSink = (line: string) => void;

const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/**
 * A log record is one line: a line break becomes ' | ' between items, but after a heading that
 * ends in a colon (`reload refused, the running config stays:`) a space, so no stray bar follows it.
 */
export function oneLineMessage(message: string): string {
  return message.replace(/:[ \t]*\n\s*/g, ': ').replace(/\s*\n\s*/g, ' | ');
}

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return '';
  let out = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = String(value);
    out += ` ${key}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
  }
  return out;
}

/** A one-line-per-call logger: `<iso time> <LEVEL> [<scope>] <message> key=value`, each line passed through `redact`. */
export function createLogger(options: { level?: LogLevel; scope?: string; sink?: LogSink; redact?: (line: string) => string } = {}): Logger {
  const redact = options.redact ?? ((line: string) => line);
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const sink = options.sink ?? stderrSink;
  const scope = options.scope ? ` [${options.scope}]` : '';
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const oneLine = oneLineMessage(message);
    sink(redact(`${new Date().toISOString()} ${level.toUpperCase()}${scope} ${oneLine}${formatFields(fields)}`));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * Logs a repeating problem once per window, so a collector failing every second cannot flood the
 * log. The first occurrence is logged whole (with its `stack` field, if given); later ones at most
 * once a window, as "still failing: N times since <first>", without the stack.
 */
/** Told of every error the agent's rate-limited log receives, logged or not (the status board). */
export interface ErrorObserver {
  problem(key: string, message: string, stack: string | undefined): void;
}

export class RateLimitedLog {
  private readonly last = new Map<string, { at: number; since: number; count: number }>();
  observer: ErrorObserver | undefined;

  constructor(
    private readonly log: Logger,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  error(key: string, message: string, fields?: LogFields): void {
    const stack = fields?.stack;
    this.observer?.problem(key, message, typeof stack === 'string' ? stack : undefined);
    const now = this.now();
    const seen = this.last.get(key);
    if (!seen) {
      this.last.set(key, { at: now, since: now, count: 1 });
      this.log.error(message, fields);
      return;
    }
    seen.count++;
    if (now - seen.at < this.windowMs) return;
    seen.at = now;
    const { stack: _stack, ...rest } = fields ?? {};
    this.log.error(`${message} (still failing: ${seen.count} times since ${new Date(seen.since).toISOString()})`, rest);
  }

  /** Forgets a key (its problem is over); bounded by the number of plugins, not by series. */
  clear(key: string): void {
    this.last.delete(key);
  }
}

import { ConfigError, EXIT_CONFIG, formatIssue } from '@spinel/core';
import type { Output } from './output.js';

/** Exit codes, from sysexits.h where one fits. */
export const EXIT = { ok: 0, failure: 1, usage: 64, config: EXIT_CONFIG } as const;

/** A wrong command line: the message says what to type instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Prints an error once, on stderr, and returns the exit code for it. */
export function reportError(error: unknown, io: Output): number {
  if (error instanceof ConfigError) {
    for (const issue of error.issues) io.err(`spinel: config error: ${formatIssue(issue)}`);
    io.err(`spinel: ${error.issues.length} config error${error.issues.length === 1 ? '' : 's'}; nothing was started`);
    return EXIT.config;
  }
  if (error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    io.err(`spinel: ${(error as Error).message.split('. ')[0]} (see spinel --help)`);
    return EXIT.usage;
  }
  io.err(`spinel: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failure;
}

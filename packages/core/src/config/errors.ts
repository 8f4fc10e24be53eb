import { SpinelError } from '@spinel/sdk';

/** One config problem: the file, the key path, what was expected, what was found. */
export interface ConfigIssue {
  file: string;
  key: string;
  expected: string;
  found: string;
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file}: ${issue.key}: expected ${issue.expected}, found ${issue.found}`;
}

/** Every problem of a config at once, so a user fixes them in one pass. */
export class ConfigError extends SpinelError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super('SPINEL_CONFIG_INVALID', issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** sysexits.h EX_CONFIG: the exit code of every config error. */
export const EXIT_CONFIG = 78;

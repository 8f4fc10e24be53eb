import { excerpt } from '@spinel/sdk';
import type { ConfigIssue } from './errors.js';

/** Past this many unknown top-level keys a file is not a config at all: one issue says so. */
const LISTED = 3;

/**
 * Issues for the top-level keys of a file that are not sections it may have. Each key is quoted
 * as a short excerpt, and a file with many (a password file given as an include) gets one issue
 * for the rest instead of one a line: nothing of a file that is not config is echoed whole.
 */
export function unknownSectionIssues(file: string, keys: readonly string[], allowed: readonly string[], note = ''): ConfigIssue[] {
  const unknown = keys.filter((key) => !allowed.includes(key));
  const issues: ConfigIssue[] = unknown
    .slice(0, LISTED)
    .map((key) => ({ file, key: excerpt(key), expected: `one of the sections ${allowed.join(', ')}${note}`, found: 'an unknown section' }));
  if (unknown.length > LISTED) {
    issues.push({
      file,
      key: '(file)',
      expected: `a Spinel config (sections ${allowed.join(', ')})`,
      found: `${unknown.length - LISTED} more unknown top-level keys: it does not look like a config file`,
    });
  }
  return issues;
}

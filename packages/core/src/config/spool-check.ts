import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeDir } from '../support/private-dir.js';
import type { ConfigIssue } from './errors.js';
import type { EffectiveConfig } from './resolve.js';

/**
 * Tries what the spool will do for each handler with a `spool_dir`: create its folder and write,
 * sync and remove a file there. `spinel config check` reports a folder that refuses; `spinel run`
 * does not refuse to start for it (a spool failure is that handler's problem only).
 */
export function checkSpoolDirs(config: EffectiveConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const entry of config.handlers) {
    const root = entry.common.spool_dir;
    if (root === undefined) continue;
    const dir = join(root, entry.key);
    const probe = join(dir, `.spinel-config-check-${process.pid}.tmp`);
    try {
      makeDir(dir);
      const fd = openSync(probe, 'w', 0o600);
      try {
        writeSync(fd, 'spinel spool check\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      unlinkSync(probe);
    } catch (error) {
      try {
        unlinkSync(probe);
      } catch {
        // never created, or the disk refuses even that
      }
      issues.push({
        file: config.source,
        key: `handlers.${entry.key}.spool_dir`,
        expected: `a directory the agent can create and write (${dir})`,
        found: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return issues;
}

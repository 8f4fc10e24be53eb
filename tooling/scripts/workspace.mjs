// Lists the workspace's packages from pnpm-workspace.yaml globs (one level of `*`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function workspacePackages() {
  const globs = readFileSync(path.join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s+-\s+(\S+)\s*$/.exec(line)?.[1])
    .filter(Boolean);
  const dirs = [];
  for (const glob of globs) {
    const base = path.join(ROOT, glob.replace(/\/\*$/, ''));
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const dir = path.join(base, entry.name);
      if (entry.isDirectory() && existsSync(path.join(dir, 'package.json'))) dirs.push(dir);
    }
  }
  return dirs.map((dir) => ({ dir, relative: path.relative(ROOT, dir), pkg: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) }));
}

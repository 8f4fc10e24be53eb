import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A Spinel clone that holds the folder a plugin is created in. */
export interface SpinelClone {
  root: string;
  /** The workspace folder patterns of its pnpm-workspace.yaml (`packages/collectors/*`, ...). */
  patterns: string[];
  /** The new folder is one of the workspace's packages, so `workspace:^` resolves. */
  member: boolean;
}

function workspacePatterns(file: string): string[] {
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inPackages = line.startsWith('packages:');
    else if (inPackages) {
      const item = /^\s+-\s+['"]?([^'"\s#]+)/.exec(line);
      if (item?.[1]) patterns.push(item[1]);
    }
  }
  return patterns;
}

/** `packages/collectors/*` holds `packages/collectors/procs`; a pattern without a star, only itself. */
function matches(pattern: string, relative: string): boolean {
  if (pattern.endsWith('/*')) return path.posix.dirname(relative) === pattern.slice(0, -2);
  return relative === pattern;
}

/**
 * The Spinel clone above `dir`, if any: the nearest folder with a pnpm-workspace.yaml beside a
 * package.json named `spinel`. Inside one, a plugin must build against the clone's packages,
 * which the registry does not have.
 */
export function findSpinelClone(dir: string): SpinelClone | undefined {
  for (let at = path.dirname(dir); ; at = path.dirname(at)) {
    const workspace = path.join(at, 'pnpm-workspace.yaml');
    const manifest = path.join(at, 'package.json');
    if (existsSync(workspace) && existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'spinel') {
      const patterns = workspacePatterns(workspace);
      const relative = path.relative(at, dir).split(path.sep).join('/');
      return { root: at, patterns, member: patterns.some((pattern) => matches(pattern, relative)) };
    }
    if (path.dirname(at) === at) return undefined;
  }
}

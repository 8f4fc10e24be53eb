import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SpinelError } from '@spinel/sdk';

/** Where a plugin was found: the module to import and, for packages, its package.json. */
export interface LocatedPlugin {
  specifier: string;
  url: string;
  packageName: string | undefined;
  packageVersion: string | undefined;
  /**
   * Shipped by this project: found by package name in the `@spinel` npm scope, which only this
   * project publishes. Only built-ins may share a worker by default; every other plugin gets its
   * own unless the config says otherwise.
   */
  builtin: boolean;
}

const BUILTIN_SCOPE = '@spinel/';

export const isPathSpecifier = (specifier: string): boolean => /^(\.{1,2}[\\/]|[\\/]|file:)/.test(specifier) || specifier === '.' || specifier === '..';

interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  exports?: unknown;
}

function readPackageJson(dir: string): PackageJson | undefined {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** The `.` entry of an `exports` map, preferring import/node/default conditions. */
function exportsEntry(exportsField: unknown): string | undefined {
  if (typeof exportsField === 'string') return exportsField;
  if (exportsField === null || typeof exportsField !== 'object') return undefined;
  const map = exportsField as Record<string, unknown>;
  const root = '.' in map ? map['.'] : map;
  if (typeof root === 'string') return root;
  if (root === null || typeof root !== 'object') return undefined;
  for (const condition of ['import', 'node', 'default']) {
    const entry = (root as Record<string, unknown>)[condition];
    if (typeof entry === 'string') return entry;
    if (entry && typeof entry === 'object') {
      const nested = exportsEntry({ '.': entry });
      if (nested) return nested;
    }
  }
  return undefined;
}

function entryOfPackageDir(dir: string): string | undefined {
  const pkg = readPackageJson(dir);
  if (!pkg) return undefined;
  const entry = exportsEntry(pkg.exports) ?? pkg.main ?? 'index.js';
  const file = path.resolve(dir, entry);
  return existsSync(file) ? file : undefined;
}

/** Finds `node_modules/<name>` walking up from `fromDir`, the way Node does. */
function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function resolvePath(specifier: string, baseDir: string): string | undefined {
  const target = specifier.startsWith('file:') ? new URL(specifier).pathname : path.resolve(baseDir, specifier);
  if (!existsSync(target)) return undefined;
  return statSync(target).isDirectory() ? entryOfPackageDir(target) : target;
}

function resolvePackage(name: string, searchDirs: readonly string[]): { file: string; dir: string } | undefined {
  for (const dir of searchDirs) {
    const packageDir = findPackageDir(name, dir);
    if (packageDir) {
      const file = entryOfPackageDir(packageDir);
      if (file) return { file, dir: packageDir };
    }
    try {
      const file = createRequire(path.join(dir, 'noop.js')).resolve(name);
      return { file, dir: path.dirname(file) };
    } catch {
      // not resolvable from this directory; try the next one
    }
  }
  return undefined;
}

/** The package of the built-in plugin an entry without `plugin:` names: `cpu` -> `@spinel/collector-cpu`. */
export function builtinPackageName(kind: 'collector' | 'handler', key: string): string {
  return `@spinel/${kind}-${key}`;
}

/**
 * Resolves a plugin specifier without loading it: a path (relative to `baseDir`, the config
 * file's folder) or a package name looked up from each of `searchDirs` in order.
 */
export function locatePlugin(specifier: string, baseDir: string, searchDirs: readonly string[]): LocatedPlugin {
  if (isPathSpecifier(specifier)) {
    const file = resolvePath(specifier, baseDir);
    if (!file) throw new SpinelError('SPINEL_PLUGIN_NOT_FOUND', `no plugin file at ${path.resolve(baseDir, specifier)}`);
    const pkg = readPackageJson(statSync(path.resolve(baseDir, specifier)).isDirectory() ? path.resolve(baseDir, specifier) : path.dirname(file));
    return { specifier, url: pathToFileURL(file).href, packageName: pkg?.name, packageVersion: pkg?.version, builtin: false };
  }
  const found = resolvePackage(specifier, searchDirs);
  if (!found) {
    throw new SpinelError(
      'SPINEL_PLUGIN_NOT_FOUND',
      `package ${specifier} is not installed (looked from ${searchDirs.join(', ')}); install it next to the config file or give a path`,
    );
  }
  const pkg = readPackageJson(found.dir);
  const packageName = pkg?.name ?? specifier;
  return {
    specifier,
    url: pathToFileURL(found.file).href,
    packageName,
    packageVersion: pkg?.version,
    builtin: specifier.startsWith(BUILTIN_SCOPE) && packageName === specifier,
  };
}

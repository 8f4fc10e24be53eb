import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { builtinPackageName } from '@spinel/core';
import { AGENT_DIR } from './config-source.js';

/** What `spinel collect` and `spinel soak` run: a config entry (a built-in or configured plugin) or a plugin by path or package. */
export interface PluginTarget {
  /** The entry key: its name in the config, or one made from the plugin's package name. */
  key: string;
  /** Set when the argument named a plugin rather than an entry. */
  plugin?: string;
}

const requireFromAgent = createRequire(path.join(AGENT_DIR, 'package.json'));

function isBuiltin(kind: 'collector' | 'handler', name: string): boolean {
  try {
    requireFromAgent.resolve(`${builtinPackageName(kind, name)}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** A package folder is named by its package.json; a single module file by its file name. */
function nameAt(target: string): string {
  const manifest = path.join(target, 'package.json');
  if (existsSync(target) && statSync(target).isDirectory() && existsSync(manifest)) {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ?? path.basename(target);
  }
  return path.basename(target);
}

/** `@acme/spinel-collector-procstat` -> `spinel_collector_procstat`: a valid entry key that names the plugin in every message. */
function keyOf(name: string): string {
  const key = name
    .replace(/^@[^/]+\//, '')
    .replace(/\.[cm]?js$/, '')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return key || 'plugin';
}

/**
 * Reads the argument as npm reads a dependency: an entry of the config when it has one by that
 * name; a path only when it is `.` or `..` or starts with `./`, `../` or `/` (a folder named
 * `docker` in the working directory does not make `docker` a path); else the built-in plugin of
 * that name; else an installed package.
 */
export function pluginTarget(kind: 'collector' | 'handler', argument: string, configured: readonly string[], cwd = process.cwd()): PluginTarget {
  if (configured.includes(argument)) return { key: argument };
  const pathLike = argument === '.' || argument === '..' || /^\.{1,2}[/\\]/.test(argument) || path.isAbsolute(argument);
  if (pathLike) {
    const absolute = path.resolve(cwd, argument);
    return { key: keyOf(nameAt(absolute)), plugin: absolute };
  }
  if (/^[a-z][a-z0-9_]*$/.test(argument) && isBuiltin(kind, argument)) return { key: argument };
  return { key: keyOf(argument), plugin: argument };
}

/**
 * The kind a plugin module defines, read the way `definitionFromModule` finds its definition:
 * the default export, else a named `handler` or `collector` export.
 */
export function pluginKindOf(namespace: Record<string, unknown>): 'collector' | 'handler' {
  const definition = (namespace.default ?? namespace.handler ?? namespace.collector) as { kind?: unknown } | undefined;
  return definition?.kind === 'handler' ? 'handler' : 'collector';
}

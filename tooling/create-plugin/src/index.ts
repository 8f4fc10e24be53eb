import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSpinelClone } from './clone.js';
import { packageJson, readme } from './package-files.js';
import type { PluginKind, PluginSpec } from './spec.js';

export type { PluginKind, PluginSpec } from './spec.js';

const TEMPLATE = fileURLToPath(new URL('../template', import.meta.url));
const OWN_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const NAME = /^[a-z][a-z0-9_]*$/;
/** npm strips `.gitignore` from tarballs, so the template carries it without the dot. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

export interface CreateOptions {
  kind: PluginKind;
  /** Short name: lowercase letters, digits and underscores (it becomes a metric path segment). */
  name: string;
  /** Target folder; default `./spinel-<kind>-<name>` under the current directory. */
  dir?: string;
  /** npm package name; default `spinel-<kind>-<name>`. */
  packageName?: string;
}

export interface Created {
  dir: string;
  packageName: string;
  files: string[];
  /** The Spinel clone whose workspace the package joined (its `@spinel/*` are `workspace:^`). */
  clone?: string;
}

export class CreateError extends Error {
  override name = 'CreateError';
}

function copyTemplate(from: string, to: string, spec: PluginSpec, written: string[], root: string): void {
  for (const entry of readdirSync(from)) {
    const source = path.join(from, entry);
    const target = path.join(to, RENAMED[entry] ?? entry);
    if (statSync(source).isDirectory()) {
      mkdirSync(target, { recursive: true });
      copyTemplate(source, target, spec, written, root);
      continue;
    }
    const text = readFileSync(source, 'utf8').replaceAll('{{name}}', spec.name).replaceAll('{{packageName}}', spec.packageName);
    writeFileSync(target, text);
    written.push(path.relative(root, target));
  }
}

/**
 * Writes a complete plugin package: package.json in the built-in plugins' shape, a working
 * example in src/, options and catalogue, tests on @spinel/testing (a fixture case and a leak
 * test), a README whose tables `npm run build` fills from the declarations, a sample config.
 */
export function createPlugin(options: CreateOptions): Created {
  const { kind, name } = options;
  if (kind !== 'collector' && kind !== 'handler') throw new CreateError(`kind: expected collector or handler, found ${String(kind)}`);
  if (!NAME.test(name))
    throw new CreateError(
      `name: expected lowercase letters, digits and underscores, starting with a letter (it becomes a config key and a metric path segment), found ${JSON.stringify(name)}`,
    );
  const packageName = options.packageName ?? `spinel-${kind}-${name.replaceAll('_', '-')}`;
  const dir = path.resolve(options.dir ?? packageName);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new CreateError(`dir: expected a new or empty folder, found ${dir} with files in it`);
  const clone = findSpinelClone(dir);
  if (clone && !clone.member) {
    throw new CreateError(
      `dir: ${dir} is inside the Spinel clone at ${clone.root} but not in one of its workspace folders (${clone.patterns.join(', ')}); create it in packages/${kind}s/ to build and test against the clone's packages, or outside the clone to install them from a registry`,
    );
  }
  const spec: PluginSpec = { kind, name, packageName, spinelRange: clone ? 'workspace:^' : `^${OWN_VERSION}`, inWorkspace: clone !== undefined };
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  copyTemplate(path.join(TEMPLATE, 'common'), dir, spec, files, dir);
  copyTemplate(path.join(TEMPLATE, kind), dir, spec, files, dir);
  writeFileSync(path.join(dir, 'package.json'), packageJson(spec));
  const intro =
    kind === 'collector'
      ? `A Spinel collector: publishes runnable and total processes from \`/proc/loadavg\` under \`<prefix>.<host>.${name}\`. Replace the example in \`src/index.ts\` with your own collection.`
      : 'A Spinel handler: appends every sample to a file as one JSON line. Replace the example in `src/index.ts` with your own delivery.';
  writeFileSync(path.join(dir, 'README.md'), readme(spec, intro));
  files.push('package.json', 'README.md');
  return { dir, packageName, files: files.sort(), ...(clone ? { clone: clone.root } : {}) };
}

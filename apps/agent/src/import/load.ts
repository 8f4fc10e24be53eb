import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseConfigObj, type ConfigObjSection } from './configobj.js';

/** Copies `from` into `into`: values replace, sections merge (ConfigObj's merge). */
function merge(into: ConfigObjSection, from: ConfigObjSection): void {
  for (const [key, value] of from.values) into.values.set(key, value);
  for (const [name, section] of from.sections) {
    const existing = into.sections.get(name);
    if (existing) merge(existing, section);
    else into.sections.set(name, section);
  }
}

function child(parent: ConfigObjSection, name: string): ConfigObjSection {
  let section = parent.sections.get(name);
  if (!section) {
    section = { name, line: 0, values: new Map(), sections: new Map() };
    parent.sections.set(name, section);
  }
  return section;
}

function confFiles(dir: string, extension: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Reads a Diamond config as Diamond does: the file, then every `<Class>.conf` in
 * `collectors_config_path` and `handlers_config_path` (each file's settings are that class's
 * section, overriding the main file's), then `[configs] path` files merged over all of it.
 * Relative directories are taken from the main file's folder. Returns the merged tree and the
 * files read.
 */
export function loadDiamondConfig(file: string): { root: ConfigObjSection; files: string[] } {
  const read = (f: string): ConfigObjSection => parseConfigObj(readFileSync(f, 'utf8'), f);
  const root = read(file);
  const files = [file];
  const base = path.dirname(file);
  const resolve = (dir: unknown): string | undefined => (typeof dir === 'string' && dir !== '' ? path.resolve(base, dir) : undefined);
  const server = root.sections.get('server');
  for (const [option, top] of [['collectors_config_path', 'collectors'], ['handlers_config_path', 'handlers']] as const) {
    const dir = resolve(server?.values.get(option)?.value);
    if (!dir) continue;
    for (const conf of confFiles(dir, '.conf')) {
      const section = read(conf);
      const target = child(child(root, top), path.basename(conf, '.conf'));
      merge(target, section);
      files.push(conf);
    }
  }
  const configs = root.sections.get('configs');
  const extra = resolve(configs?.values.get('path')?.value);
  if (extra) {
    const extension = String(configs?.values.get('extension')?.value ?? '.conf');
    for (const conf of confFiles(extra, extension)) {
      merge(root, read(conf));
      files.push(conf);
    }
  }
  return { root, files };
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { emptySection, interpolate, parseConfigObj, type ConfigObjSection } from './configobj.js';

/** Copies `from` into `into`: values replace, sections merge (ConfigObj's merge). */
function merge(into: ConfigObjSection, from: ConfigObjSection): void {
  for (const [key, value] of from.values) {
    into.sections.delete(key);
    into.values.set(key, value);
  }
  for (const [name, section] of from.sections) {
    const existing = into.sections.get(name);
    if (existing) merge(existing, section);
    else {
      into.values.delete(name);
      into.sections.set(name, reparent(section, into));
    }
  }
}

/** A section moved into another tree looks its `%(name)s` references up there, as in Diamond. */
function reparent(section: ConfigObjSection, parent: ConfigObjSection): ConfigObjSection {
  const moved: ConfigObjSection = { ...section, parent, depth: parent.depth + 1, sections: new Map() };
  for (const [name, child] of section.sections) moved.sections.set(name, reparent(child, moved));
  return moved;
}

function child(parent: ConfigObjSection, name: string): ConfigObjSection {
  const existing = parent.sections.get(name);
  if (existing) return existing;
  const section = emptySection(name, 0, parent.file, parent);
  parent.sections.set(name, section);
  return section;
}

function confFiles(dir: string, extension: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => path.join(dir, name));
}

/** A file the import will not read: a FIFO, a device, a folder, or one past the size cap. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** Diamond configs are a few KB; a bigger file is not one (and /dev/zero never ends). */
export const MAX_DIAMOND_CONFIG_BYTES = 1024 * 1024;

/** The bytes of a regular file within the cap; refused at once otherwise (a FIFO would block the read forever). */
function readRegularFile(file: string): Buffer {
  const stats = statSync(file);
  const kind = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a FIFO'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : undefined;
  if (kind) throw new ImportFileError(`${file}: expected a regular file, found ${kind}`);
  if (stats.size > MAX_DIAMOND_CONFIG_BYTES)
    throw new ImportFileError(`${file}: expected a config of at most ${MAX_DIAMOND_CONFIG_BYTES} bytes, found ${stats.size} bytes`);
  const bytes = readFileSync(file);
  if (bytes.length > MAX_DIAMOND_CONFIG_BYTES)
    throw new ImportFileError(`${file}: expected a config of at most ${MAX_DIAMOND_CONFIG_BYTES} bytes, found more as it was read`);
  return bytes;
}

/**
 * Reads a Diamond config as Diamond's `load_config` does: the file; every `[configs] path` file
 * (ending in `[configs] extension`, `.conf` by default) merged over it; then every `<Class>.conf`
 * in `handlers_config_path` and `collectors_config_path` merged into that class's section.
 * Relative directories are taken from the main file's folder. Returns the merged tree and the
 * files read.
 */
export function loadDiamondConfig(file: string): { root: ConfigObjSection; files: string[] } {
  const read = (f: string): ConfigObjSection => parseConfigObj(readRegularFile(f), f);
  const root = read(file);
  const files = [file];
  const base = path.dirname(file);
  const setting = (section: ConfigObjSection | undefined, key: string): string | undefined => {
    const entry = section?.values.get(key);
    if (!section || !entry) return undefined;
    const value = interpolate(section, key, entry.value);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const configs = root.sections.get('configs');
  const extension = setting(configs, 'extension') ?? '.conf';
  const extra = setting(configs, 'path');
  if (extra) {
    for (const conf of confFiles(path.resolve(base, extra), extension)) {
      merge(root, read(conf));
      files.push(conf);
    }
  }
  const server = root.sections.get('server');
  for (const [option, top] of [
    ['handlers_config_path', 'handlers'],
    ['collectors_config_path', 'collectors'],
  ] as const) {
    const dir = setting(server, option);
    if (!dir) continue;
    for (const conf of confFiles(path.resolve(base, dir), extension)) {
      const target = child(child(root, top), path.basename(conf, extension));
      if (target.line === 0) Object.assign(target, { line: 1, file: conf });
      merge(target, read(conf));
      files.push(conf);
    }
  }
  return { root, files };
}

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtinPackageName, ConfigError } from '@spinel/core';
import { stringify } from 'yaml';
import { loadEffectiveConfig } from '../config-source.js';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { ConfigObjError } from './configobj.js';
import { importDiamond, type ImportResult, type PluginOptions, type Unmapped } from './diamond.js';
import { loadDiamondConfig } from './load.js';
import { COLLECTORS, HANDLERS } from './tables.js';

/** Exit code when the config was written but parts of the Diamond one had no counterpart. */
export const EXIT_PARTIAL = 3;

/** The option names of every built-in plugin an import can map to. */
async function builtInOptions(): Promise<PluginOptions> {
  const load = async (kind: 'collector' | 'handler', key: string): Promise<[string, ReadonlySet<string>] | undefined> => {
    try {
      const module = (await import(builtinPackageName(kind, key))) as { default?: { options?: Record<string, unknown> } };
      return [`${kind}:${key}`, new Set(Object.keys(module.default?.options ?? {}))];
    } catch {
      return undefined;
    }
  };
  const loaded = await Promise.all([
    ...[...new Set(Object.values(COLLECTORS)), 'statsd'].map((key) => load('collector', key)),
    ...[...new Set(Object.values(HANDLERS).map((h) => h.key))].map((key) => load('handler', key)),
  ]);
  const known = new Map(loaded.filter((entry): entry is [string, ReadonlySet<string>] => entry !== undefined));
  return (kind, key) => known.get(`${kind}:${key}`);
}

function render(result: ImportResult, source: string): string {
  const header = [`# Imported by \`spinel config import\` from ${source}.`];
  if (result.unmapped.length > 0) {
    header.push('# Not imported (no Spinel counterpart, or a value Spinel does not take):');
    for (const u of result.unmapped) header.push(`#   ${u.where}: ${u.why}`);
  }
  const { agent, collectors, handlers } = result.document;
  const body = stringify({ ...(Object.keys(agent).length > 0 ? { agent } : {}), collectors, handlers });
  return `${header.join('\n')}\n${body}`;
}

/** Removes a dotted key path (`collectors.cpu.percore`) from the document; true if it was there. */
function removePath(document: Record<string, unknown>, key: string): boolean {
  const parts = key.split('.');
  let node: unknown = document;
  for (const part of parts.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[part];
  }
  const last = parts.at(-1)!;
  if (node === null || typeof node !== 'object' || !(last in node)) return false;
  delete (node as Record<string, unknown>)[last];
  return true;
}

/**
 * `spinel config import FILE [--out OUT]`: a Diamond or Metricly agent config as a Spinel one.
 * What the check of the result refuses is taken out and listed too, so the written config always
 * passes `spinel config check`.
 */
export async function importCommand(args: string[], io: Output): Promise<number> {
  const [file, ...rest] = args;
  if (!file) throw new UsageError('expected `config import FILE [--out OUT]`');
  let out: string | undefined;
  if (rest.length > 0) {
    if (rest[0] !== '--out' || rest.length !== 2) throw new UsageError(`config import takes FILE and optionally --out OUT, found ${rest.join(' ')}`);
    out = rest[1];
  }
  let loaded;
  try {
    loaded = loadDiamondConfig(file);
  } catch (error) {
    if (error instanceof ConfigObjError) {
      io.err(`spinel: ${error.message}`);
      return EXIT.config;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      io.err(`spinel: ${file}: cannot read (${code})`);
      return EXIT.config;
    }
    throw error;
  }
  const source = loaded.files.length > 1 ? `${file} (and ${loaded.files.length - 1} files it includes)` : file;
  const result = importDiamond(loaded.root, file, await builtInOptions());
  const refused: Unmapped[] = [];
  let text = render(result, source);
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await loadEffectiveConfig({ label: out ?? '<imported>', text, baseDir: path.dirname(path.resolve(out ?? file)) });
      break;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const removed = error.issues.filter((issue) => removePath(result.document, issue.key));
      if (removed.length === 0) throw error;
      for (const issue of removed) refused.push({ where: `${issue.key} (from ${file})`, why: `Spinel expects ${issue.expected}, the Diamond config has ${issue.found}` });
      result.unmapped.push(...refused.splice(0));
      text = render(result, source);
    }
  }
  if (out) writeFileSync(out, text);
  else io.out(text.trimEnd());
  for (const u of result.unmapped) io.err(`spinel: not imported: ${u.where}: ${u.why}`);
  return result.unmapped.length > 0 ? EXIT_PARTIAL : EXIT.ok;
}

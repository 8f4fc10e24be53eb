import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtinPackageName, ConfigError } from '@spinel/core';
import { stringify } from 'yaml';
import { loadEffectiveConfig } from '../config-source.js';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { ConfigObjError, InterpolationError } from './configobj.js';
import type { OptionsSchema } from '@spinel/sdk';
import { DiamondConfigError, importDiamond, type ImportResult, type Unmapped } from './diamond.js';
import { ImportFileError, loadDiamondConfig } from './load.js';
import { COLLECTORS, HANDLERS } from './tables.js';
import { envFileText, intervalNotes, typeDocument, type ExtractedSecret, type PluginSchemas } from './typing.js';

/** Exit code when the config was written but parts of the Diamond one had no counterpart. */
export const EXIT_PARTIAL = 3;

/** Handlers whose service bills per series: an import sending only to them turns self-telemetry off. */
const BILLED_PER_SERIES = new Set(['metricly', 'cloudwatch']);

/** The option schemas of every built-in plugin an import can map to. */
async function builtInOptions(): Promise<PluginSchemas> {
  const load = async (kind: 'collector' | 'handler', key: string): Promise<[string, OptionsSchema] | undefined> => {
    try {
      const module = (await import(builtinPackageName(kind, key))) as { default?: { options?: OptionsSchema } };
      return [`${kind}:${key}`, module.default?.options ?? {}];
    } catch {
      return undefined;
    }
  };
  const loaded = await Promise.all([
    ...[...new Set(Object.values(COLLECTORS)), 'statsd'].map((key) => load('collector', key)),
    ...[...new Set(Object.values(HANDLERS).map((h) => h.key))].map((key) => load('handler', key)),
  ]);
  const known = new Map(loaded.filter((entry): entry is [string, OptionsSchema] => entry !== undefined));
  return (kind, key) => known.get(`${kind}:${key}`);
}

function render(result: ImportResult, source: string, notes: readonly string[]): string {
  const header = [`# Imported by \`spinel config import\` from ${source}.`, ...notes.map((note) => `# ${note}`)];
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

/** Where the secrets go: --env-file, else beside --out (`spinel.yaml` → `spinel.env`), else ./spinel.env. */
function envFilePath(out: string | undefined, flag: string | undefined): string {
  if (flag) return flag;
  if (out) return path.join(path.dirname(out), `${path.basename(out, path.extname(out))}.env`);
  return 'spinel.env';
}

function parseArgs(args: string[]): { file: string; out?: string; envFile?: string } {
  const [file, ...rest] = args;
  if (!file || file.startsWith('--')) throw new UsageError('expected `config import FILE [--out OUT] [--env-file FILE]`');
  const parsed: { file: string; out?: string; envFile?: string } = { file };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if ((flag !== '--out' && flag !== '--env-file') || value === undefined)
      throw new UsageError(`config import takes FILE, --out OUT and --env-file FILE, found ${rest.join(' ')}`);
    if (flag === '--out') parsed.out = value;
    else parsed.envFile = value;
  }
  return parsed;
}

/**
 * `spinel config import FILE [--out OUT] [--env-file ENV]`: a Diamond or Metricly agent config as a
 * Spinel one. Values are typed by each option's schema; secrets go to an env file of mode 0600 and
 * the config names them as `${VAR}`. What the check of the result refuses is taken out and listed
 * too, so the written config always passes `spinel config check` (with the env file loaded).
 */
export async function importCommand(args: string[], io: Output): Promise<number> {
  const { file, out, envFile } = parseArgs(args);
  let loaded: ReturnType<typeof loadDiamondConfig>;
  try {
    loaded = loadDiamondConfig(file);
  } catch (error) {
    if (error instanceof ConfigObjError) {
      io.err(`spinel: ${error.message}`);
      return EXIT.config;
    }
    if (error instanceof ImportFileError) {
      io.err(`spinel: ${error.message}`);
      return EXIT.config;
    }
    if (error instanceof InterpolationError) {
      io.err(`spinel: ${file}: a [configs] or *_config_path setting: ${error.message}`);
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
  const schemas = await builtInOptions();
  let result: ImportResult;
  try {
    result = importDiamond(loaded.root, file, schemas);
  } catch (error) {
    if (!(error instanceof DiamondConfigError)) throw error;
    io.err(`spinel: ${error.message}`);
    return EXIT.config;
  }
  const notes: string[] = [];
  const handlerKeys = Object.keys(result.document.handlers);
  if (handlerKeys.length > 0 && handlerKeys.every((key) => BILLED_PER_SERIES.has(key)) && !('telemetry' in result.document.agent)) {
    result.document.agent.telemetry = false;
    notes.push(
      `agent.telemetry is off: ${handlerKeys.join(' and ')} ${handlerKeys.length > 1 ? 'bill' : 'bills'} per series, and Spinel's own metrics are about 130 series a host. The status page (spinel status) shows the same figures.`,
    );
  }
  const secrets: ExtractedSecret[] = typeDocument(result.document, schemas);
  notes.push(...intervalNotes(result.document, schemas));
  const envPath = secrets.length > 0 ? envFilePath(out, envFile) : undefined;
  if (envPath)
    notes.push(
      `Secrets are references to environment variables; their values are in ${envPath} (mode 0600): systemd EnvironmentFile=${path.resolve(envPath)}, or docker run --env-file ${envPath}.`,
    );
  const env = { ...process.env, ...Object.fromEntries(secrets.map((s) => [s.variable, s.value])) };
  const refused: Unmapped[] = [];
  let text = render(result, source, notes);
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await loadEffectiveConfig({ label: out ?? '<imported>', text, baseDir: path.dirname(path.resolve(out ?? file)) }, env);
      break;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const removed = error.issues.filter((issue) => removePath(result.document, issue.key));
      if (removed.length === 0) throw error;
      for (const issue of removed)
        refused.push({ where: `${issue.key} (from ${file})`, why: `Spinel expects ${issue.expected}, the Diamond config has ${issue.found}` });
      result.unmapped.push(...refused.splice(0));
      text = render(result, source, notes);
    }
  }
  if (envPath) {
    writeFileSync(envPath, envFileText(secrets), { mode: 0o600 });
    chmodSync(envPath, 0o600);
  }
  if (out) writeFileSync(out, text);
  else io.out(text.trimEnd());
  for (const note of notes) io.err(`spinel: ${note}`);
  for (const u of result.unmapped) io.err(`spinel: not imported: ${u.where}: ${u.why}`);
  return result.unmapped.length > 0 ? EXIT_PARTIAL : EXIT.ok;
}

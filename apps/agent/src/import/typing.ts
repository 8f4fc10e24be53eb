// ConfigObj gives every value as a string (or a list of strings). The imported YAML should read as
// a person would write it: numbers as numbers, booleans as booleans, each as the target option's
// schema says; and secrets not in the file at all, but as `${VAR}` references to an env file.
import { agentSchema, collectorCommonSchema, handlerCommonSchema } from '@spinel/core';
import type { OptionSpec, OptionsSchema } from '@spinel/sdk';
import type { ImportResult } from './diamond.js';

/** The schema of a built-in plugin's own options (undefined when no such plugin is installed). */
export type PluginSchemas = (kind: 'collector' | 'handler', key: string) => OptionsSchema | undefined;

/** A secret taken out of the config: the variable that now stands for it, and its value. */
export interface ExtractedSecret {
  variable: string;
  value: string;
  /** Where it was: `handlers.metricly.api_key`. */
  key: string;
}

// Diamond's str_to_bool (diamond/utils/config.py): these words, after strip and lower, and no others.
const DIAMOND_TRUE = new Set(['true', 't', 'yes', 'y']);
const DIAMOND_FALSE = new Set(['false', 'f', 'no', 'n', '']);

/** Diamond's reading of a boolean option, or undefined where Diamond would have refused it. */
export function diamondBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return undefined;
  const word = raw.trim().toLowerCase();
  if (DIAMOND_TRUE.has(word)) return true;
  if (DIAMOND_FALSE.has(word)) return false;
  return undefined;
}

const SCALAR_KINDS = new Set(['boolean', 'number', 'string', 'enum', 'string[]', 'enum[]', 'regex', 'regex[]', 'fileMode']);

/** The value as the option's schema reads it; left as it was where the schema refuses it (the check then lists it). */
function typedValue(spec: OptionSpec<unknown> | undefined, raw: unknown): unknown {
  if (!spec) return raw;
  if (spec.kind === 'boolean') return diamondBoolean(raw) ?? raw;
  if (!SCALAR_KINDS.has(spec.kind)) return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? typedMapping(raw as Record<string, unknown>) : raw;
  const parsed = spec.parse(raw);
  return parsed.ok ? parsed.value : raw;
}

/** A subsection turned mapping (processresources' `process`): Diamond's booleans as booleans. */
function typedMapping(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return [key, typedMapping(value as Record<string, unknown>)];
      return [key, typeof value === 'string' && /^(true|false)$/i.test(value) ? diamondBoolean(value) : value];
    }),
  );
}

const variableName = (section: string, entry: string, option: string): string =>
  `SPINEL_${section === 'handlers' ? '' : 'COLLECTOR_'}${entry}_${option}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

/**
 * Types every value of the imported document by its option's schema, in place, and replaces each
 * secret option's value with a `${VAR}` reference; returns the secrets taken out.
 */
export function typeDocument(document: ImportResult['document'], schemas: PluginSchemas): ExtractedSecret[] {
  const secrets: ExtractedSecret[] = [];
  for (const [key, value] of Object.entries(document.agent)) document.agent[key] = typedValue((agentSchema as OptionsSchema)[key], value);
  const sections = [
    ['collectors', document.collectors, 'collector', collectorCommonSchema],
    ['handlers', document.handlers, 'handler', handlerCommonSchema],
  ] as const;
  for (const [section, entries, kind, common] of sections) {
    for (const [entryKey, entry] of Object.entries(entries)) {
      if (typeof entry !== 'object' || entry === null) continue;
      const own = entryKey === 'defaults' && kind === 'collector' ? undefined : schemas(kind, entryKey);
      const options = entry as Record<string, unknown>;
      for (const [option, value] of Object.entries(options)) {
        const spec = own?.[option] ?? (common as OptionsSchema)[option];
        const typed = typedValue(spec, value);
        if (spec?.secret && typeof typed === 'string' && typed !== '') {
          const variable = variableName(section, entryKey, option);
          secrets.push({ variable, value: typed, key: `${section}.${entryKey}.${option}` });
          options[option] = `\${${variable}}`;
        } else options[option] = typed;
      }
    }
  }
  return secrets;
}

/** An env file (`NAME=value` lines) as systemd's EnvironmentFile= and `docker run --env-file` read it. */
export function envFileText(secrets: readonly ExtractedSecret[]): string {
  const lines = ['# Secrets of the imported Spinel config; keep this file mode 0600.'];
  for (const secret of secrets) {
    if (/[\n\r]/.test(secret.value)) throw new Error(`${secret.key}: a secret with a line break cannot go into an env file`);
    lines.push(`# ${secret.key}`, `${secret.variable}=${secret.value}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Collectors whose imported interval is shorter than the time one of their own `*_timeout`
 * options lets a request take: against a slow server a run would be cut at the interval (the
 * run's default deadline) before its own timeout says so. One note per collector.
 */
export function intervalNotes(document: ImportResult['document'], schemas: PluginSchemas): string[] {
  const defaults = (document.collectors.defaults ?? {}) as Record<string, unknown>;
  const notes: string[] = [];
  for (const [key, entry] of Object.entries(document.collectors)) {
    if (key === 'defaults' || typeof entry !== 'object' || entry === null) continue;
    const options = entry as Record<string, unknown>;
    const interval = Number(options.interval ?? defaults.interval ?? (collectorCommonSchema as OptionsSchema).interval?.default);
    for (const [option, spec] of Object.entries(schemas('collector', key) ?? {})) {
      if (!option.endsWith('_timeout') || spec.kind !== 'number') continue;
      const timeout = Number(options[option] ?? spec.default);
      if (Number.isFinite(interval) && timeout > interval) {
        notes.push(
          `collectors.${key}: interval ${interval} s is shorter than its ${option} (${timeout} s): a slow server's run is cut at the interval; raise interval or lower ${option}.`,
        );
        break;
      }
    }
  }
  return notes;
}

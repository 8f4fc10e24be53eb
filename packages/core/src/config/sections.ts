// The `collectors:` and `handlers:` sections: entries split into common and plugin keys, plugins
// located, loaded in the validation pool (once per module) and their options checked.
import { describeValue, type OptionValues, validateOptions } from '@spinel/sdk';
import type { PluginKind } from '../plugins/definition.js';
import type { PluginDescription } from '../plugins/describe.js';
import { builtinPackageName, locatePlugin, type LocatedPlugin } from '../plugins/locate.js';
import type { ConfigIssue } from './errors.js';
import type { PluginEntry, ResolveOptions } from './resolve.js';
import { collectorCommonSchema, handlerCommonSchema } from './schema.js';

export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface PendingEntry {
  key: string;
  common: Record<string, unknown>;
  raw: Record<string, unknown>;
  plugin: LocatedPlugin;
}

/** A section and the schema of its common keys; its entries' `common` are that schema's values. */
interface SectionSpec<S extends typeof collectorCommonSchema | typeof handlerCommonSchema> {
  kind: PluginKind;
  section: 'collectors' | 'handlers';
  common: S;
}

/** Validates the shape of one section and splits each entry into common keys and plugin keys. */
function collectEntries(
  label: string,
  value: unknown,
  spec: { kind: PluginKind; section: string; common: Record<string, unknown> },
  baseDir: string,
  searchDirs: readonly string[],
  issues: ConfigIssue[],
): { pending: PendingEntry[]; defaults: Record<string, unknown> } {
  const pending: PendingEntry[] = [];
  if (value === undefined || value === null) return { pending, defaults: {} };
  if (!isMapping(value)) {
    issues.push({ file: label, key: spec.section, expected: `a mapping of ${spec.kind} entries`, found: describeValue(value) });
    return { pending, defaults: {} };
  }
  const defaultsRaw = value.defaults ?? {};
  if (!isMapping(defaultsRaw)) {
    issues.push({ file: label, key: `${spec.section}.defaults`, expected: 'a mapping of options for every entry', found: describeValue(defaultsRaw) });
  }
  const defaults = isMapping(defaultsRaw) ? defaultsRaw : {};
  const commonKeys = new Set(Object.keys(spec.common));
  for (const [key, entryRaw] of Object.entries(value)) {
    if (key === 'defaults') continue;
    const entry = entryRaw ?? {};
    if (!isMapping(entry)) {
      issues.push({ file: label, key: `${spec.section}.${key}`, expected: 'a mapping of options (or nothing)', found: describeValue(entry) });
      continue;
    }
    const commonRaw: Record<string, unknown> = {};
    const raw: Record<string, unknown> = {};
    for (const [option, v] of Object.entries(defaults)) if (commonKeys.has(option)) commonRaw[option] = v;
    for (const [option, v] of Object.entries(entry)) (commonKeys.has(option) ? commonRaw : raw)[option] = v;
    const { value: common, issues: commonIssues } = validateOptions(spec.common as never, commonRaw);
    for (const issue of commonIssues) {
      const origin = issue.key in entry ? `${spec.section}.${key}` : `${spec.section}.defaults`;
      issues.push({ file: label, key: `${origin}.${issue.key}`, expected: issue.expected, found: issue.found });
    }
    const settings = common as { enabled: boolean; plugin: string | undefined };
    if (!settings.enabled) continue;
    const specifier = settings.plugin ?? builtinPackageName(spec.kind, key);
    try {
      pending.push({ key, common, raw, plugin: locatePlugin(specifier, baseDir, [baseDir, ...searchDirs]) });
    } catch (error) {
      issues.push({
        file: label,
        key: settings.plugin ? `${spec.section}.${key}.plugin` : `${spec.section}.${key}`,
        expected: settings.plugin
          ? 'an installed plugin package or a path to a plugin module'
          : `an installed plugin ${specifier} (or a \`plugin:\` key naming a package or path)`,
        found: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { pending, defaults };
}

export async function resolveSection<S extends typeof collectorCommonSchema | typeof handlerCommonSchema>(
  label: string,
  value: unknown,
  spec: SectionSpec<S>,
  baseDir: string,
  options: ResolveOptions,
  issues: ConfigIssue[],
): Promise<Array<PluginEntry<OptionValues<S>>>> {
  const { pending, defaults } = collectEntries(label, value, spec, baseDir, options.searchDirs, issues);
  const byUrl = new Map<string, PendingEntry[]>();
  for (const entry of pending) byUrl.set(entry.plugin.url, [...(byUrl.get(entry.plugin.url) ?? []), entry]);
  const resolved: Array<PluginEntry<OptionValues<S>>> = [];
  await Promise.all(
    [...byUrl.values()].map(async (group) => {
      const first = group[0];
      if (!first) return;
      const response = await options.introspector.introspect({
        url: first.plugin.url,
        kind: spec.kind,
        source: first.plugin.specifier,
        entries: group.map((entry) => ({ key: entry.key, raw: entry.raw, defaults })),
      });
      if (!response.ok) {
        for (const entry of group) {
          issues.push({
            file: label,
            key: `${spec.section}.${entry.key}.plugin`,
            expected: `a loadable ${spec.kind} plugin (${entry.plugin.specifier})`,
            found: response.message,
          });
        }
        return;
      }
      const shadowed = response.description.options.map((o) => o.key).filter((key) => key in spec.common);
      if (shadowed.length > 0) {
        for (const entry of group) {
          issues.push({
            file: label,
            key: `${spec.section}.${entry.key}.plugin`,
            expected: `a ${spec.kind} plugin whose options do not reuse the keys every ${spec.kind} entry takes`,
            found: `${entry.plugin.specifier} declares ${shadowed.map((k) => `\`${k}\``).join(', ')}, which the agent reads for itself; rename the plugin's option`,
          });
        }
        return;
      }
      for (const entry of group) {
        const check = response.checks.find((c) => c.key === entry.key);
        if (!check) continue;
        for (const issue of check.issues) issues.push({ file: label, key: `${spec.section}.${issue.key}`, expected: issue.expected, found: issue.found });
        if (check.issues.length === 0) resolved.push(toEntry<OptionValues<S>>(entry, response.description, check.value));
      }
    }),
  );
  const order = pending.map((p) => p.key);
  return resolved.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

/** The config's choice, else the plugin's for built-ins; a third-party plugin never shares a thread unasked. */
function workerFor(key: string, chosen: string | undefined, description: PluginDescription, plugin: LocatedPlugin): string {
  const worker = chosen ?? (plugin.builtin ? description.defaultWorker : 'own');
  return worker === 'own' ? `own:${key}` : worker;
}

/** An entry of either section: its common keys typed as the section's, its worker named. */
function toEntry<C>(pending: PendingEntry, description: PluginDescription, options: Record<string, unknown>): PluginEntry<C> {
  const { worker } = pending.common as { worker?: string };
  return {
    key: pending.key,
    plugin: pending.plugin,
    description,
    common: pending.common as C,
    options,
    worker: workerFor(pending.key, worker, description, pending.plugin),
  };
}

export const collectorSection: SectionSpec<typeof collectorCommonSchema> = { kind: 'collector', section: 'collectors', common: collectorCommonSchema };

export const handlerSection: SectionSpec<typeof handlerCommonSchema> = { kind: 'handler', section: 'handlers', common: handlerCommonSchema };

import { describeValue, escapeName, validateOptions, type OptionValues } from '@spinel/sdk';
import type { PluginKind } from '../plugins/definition.js';
import type { PluginDescription } from '../plugins/describe.js';
import type { PluginIntrospector } from '../plugins/introspect.js';
import { resolvePlugin, type ResolvedPlugin } from '../plugins/resolve.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { parseConfig, type ConfigSource } from './load.js';
import { agentSchema, collectorCommonSchema, handlerCommonSchema } from './schema.js';

export type AgentSettings = OptionValues<typeof agentSchema>;
export type CollectorCommon = OptionValues<typeof collectorCommonSchema>;
export type HandlerCommon = OptionValues<typeof handlerCommonSchema>;

/** One enabled config entry, resolved and validated. */
export interface PluginEntry<C> {
  /** The entry's key in its section, e.g. `cpu`. */
  instance: string;
  plugin: ResolvedPlugin;
  description: PluginDescription;
  common: C;
  /** The plugin's own options, validated, defaults filled. */
  options: Record<string, unknown>;
  /** The worker it runs in: `own:<instance>` or a group name. */
  worker: string;
}

export interface EffectiveConfig {
  source: string;
  baseDir: string;
  agent: AgentSettings;
  collectors: Array<PluginEntry<CollectorCommon>>;
  handlers: Array<PluginEntry<HandlerCommon>>;
}

export interface ResolveOptions {
  introspector: PluginIntrospector;
  /** Directories package-name plugins are looked up from, after the config's own folder. */
  searchDirs: readonly string[];
  env?: NodeJS.ProcessEnv;
}

const SECTIONS = ['agent', 'collectors', 'handlers'] as const;

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface PendingEntry {
  instance: string;
  common: Record<string, unknown>;
  raw: Record<string, unknown>;
  plugin: ResolvedPlugin;
}

interface SectionSpec<C> {
  kind: PluginKind;
  section: 'collectors' | 'handlers';
  common: typeof collectorCommonSchema | typeof handlerCommonSchema;
  toEntry(pending: PendingEntry, description: PluginDescription, options: Record<string, unknown>): PluginEntry<C>;
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
  for (const [instance, entryRaw] of Object.entries(value)) {
    if (instance === 'defaults') continue;
    const entry = entryRaw ?? {};
    if (!isMapping(entry)) {
      issues.push({ file: label, key: `${spec.section}.${instance}`, expected: 'a mapping of options (or nothing)', found: describeValue(entry) });
      continue;
    }
    const commonRaw: Record<string, unknown> = {};
    const raw: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(defaults)) if (commonKeys.has(key)) commonRaw[key] = v;
    for (const [key, v] of Object.entries(entry)) (commonKeys.has(key) ? commonRaw : raw)[key] = v;
    const { value: common, issues: commonIssues } = validateOptions(spec.common as never, commonRaw);
    for (const issue of commonIssues) {
      const origin = issue.key in entry ? `${spec.section}.${instance}` : `${spec.section}.defaults`;
      issues.push({ file: label, key: `${origin}.${issue.key}`, expected: issue.expected, found: issue.found });
    }
    const settings = common as { enabled: boolean; plugin: string | undefined };
    if (!settings.enabled) continue;
    const specifier = settings.plugin ?? `@spinel/${spec.kind}-${instance}`;
    try {
      pending.push({ instance, common, raw, plugin: resolvePlugin(specifier, baseDir, [baseDir, ...searchDirs]) });
    } catch (error) {
      issues.push({
        file: label,
        key: settings.plugin ? `${spec.section}.${instance}.plugin` : `${spec.section}.${instance}`,
        expected: settings.plugin
          ? 'an installed plugin package or a path to a plugin module'
          : `an installed plugin ${specifier} (or a \`plugin:\` key naming a package or path)`,
        found: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { pending, defaults };
}

async function resolveSection<C>(
  label: string,
  value: unknown,
  spec: SectionSpec<C>,
  baseDir: string,
  options: ResolveOptions,
  issues: ConfigIssue[],
): Promise<Array<PluginEntry<C>>> {
  const { pending, defaults } = collectEntries(label, value, spec, baseDir, options.searchDirs, issues);
  const byUrl = new Map<string, PendingEntry[]>();
  for (const entry of pending) byUrl.set(entry.plugin.url, [...(byUrl.get(entry.plugin.url) ?? []), entry]);
  const resolved: Array<PluginEntry<C>> = [];
  await Promise.all(
    [...byUrl.values()].map(async (group) => {
      const first = group[0];
      if (!first) return;
      const response = await options.introspector.introspect({
        url: first.plugin.url,
        kind: spec.kind,
        source: first.plugin.specifier,
        entries: group.map((entry) => ({ instance: entry.instance, raw: entry.raw, defaults })),
      });
      if (!response.ok) {
        for (const entry of group) {
          issues.push({
            file: label,
            key: `${spec.section}.${entry.instance}.plugin`,
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
            key: `${spec.section}.${entry.instance}.plugin`,
            expected: `a ${spec.kind} plugin whose options do not reuse the keys every ${spec.kind} entry takes`,
            found: `${entry.plugin.specifier} declares ${shadowed.map((k) => `\`${k}\``).join(', ')}, which the agent reads for itself; rename the plugin's option`,
          });
        }
        return;
      }
      for (const entry of group) {
        const check = response.checks.find((c) => c.instance === entry.instance);
        if (!check) continue;
        for (const issue of check.issues) issues.push({ file: label, key: `${spec.section}.${issue.key}`, expected: issue.expected, found: issue.found });
        if (check.issues.length === 0) resolved.push(spec.toEntry(entry, response.description, check.value));
      }
    }),
  );
  const order = pending.map((p) => p.instance);
  return resolved.sort((a, b) => order.indexOf(a.instance) - order.indexOf(b.instance));
}

/** The config's choice, else the plugin's for built-ins; a third-party plugin never shares a thread unasked. */
function workerFor(instance: string, chosen: string | undefined, description: PluginDescription, plugin: ResolvedPlugin): string {
  const worker = chosen ?? (plugin.builtin ? description.defaultWorker : 'own');
  return worker === 'own' ? `own:${instance}` : worker;
}

const collectorSection: SectionSpec<CollectorCommon> = {
  kind: 'collector',
  section: 'collectors',
  common: collectorCommonSchema,
  toEntry: (pending, description, options) => {
    const common = pending.common as CollectorCommon;
    return { instance: pending.instance, plugin: pending.plugin, description, common, options, worker: workerFor(pending.instance, common.worker, description, pending.plugin) };
  },
};

const handlerSection: SectionSpec<HandlerCommon> = {
  kind: 'handler',
  section: 'handlers',
  common: handlerCommonSchema,
  toEntry: (pending, description, options) => {
    const common = pending.common as HandlerCommon;
    return { instance: pending.instance, plugin: pending.plugin, description, common, options, worker: workerFor(pending.instance, common.worker, description, pending.plugin) };
  },
};

/** Characters that cannot be part of a metric path segment: they forge lines or split fields. */
const PATH_BREAKING = /[\s\u0000-\u001f\u007f-\u009f]/;

/** Path parts from the config (host name, prefixes, collector paths) must be usable in a metric path. */
function checkPathParts(label: string, section: string, values: Record<string, unknown>, keys: readonly string[], issues: ConfigIssue[]): void {
  for (const key of keys) {
    const value = values[key];
    if (typeof value !== 'string' || (!PATH_BREAKING.test(value) && value.isWellFormed())) continue;
    issues.push({ file: label, key: `${section}.${key}`, expected: 'a metric path part without whitespace or control characters', found: escapeName(value) });
  }
}

const COLLECTOR_PATH_KEYS = ['path', 'path_prefix', 'path_suffix', 'instance_prefix'] as const;

/**
 * Parses, substitutes, validates and resolves a config: every plugin is located and its options
 * checked against its schema. Throws a {@link ConfigError} listing every problem.
 */
export async function loadConfig(source: ConfigSource, options: ResolveOptions): Promise<EffectiveConfig> {
  const parsed = parseConfig(source, options.env);
  const issues = [...parsed.issues];
  const doc = parsed.document;
  for (const key of Object.keys(doc)) {
    if (!(SECTIONS as readonly string[]).includes(key)) issues.push({ file: source.label, key, expected: `one of the sections ${SECTIONS.join(', ')}`, found: 'an unknown section' });
  }
  const agentRaw = doc.agent ?? {};
  let agent = validateOptions(agentSchema, {}).value;
  if (!isMapping(agentRaw)) {
    issues.push({ file: source.label, key: 'agent', expected: 'a mapping of agent settings', found: describeValue(agentRaw) });
  } else {
    const checked = validateOptions(agentSchema, agentRaw);
    agent = checked.value;
    for (const issue of checked.issues) issues.push({ file: source.label, key: `agent.${issue.key}`, expected: issue.expected, found: issue.found });
    checkPathParts(source.label, 'agent', agent, ['hostname', 'path_prefix', 'path_suffix'], issues);
  }
  const [collectors, handlers] = await Promise.all([
    resolveSection(source.label, doc.collectors, collectorSection, source.baseDir, options, issues),
    resolveSection(source.label, doc.handlers, handlerSection, source.baseDir, options, issues),
  ]);
  for (const entry of collectors) checkPathParts(source.label, `collectors.${entry.instance}`, entry.common, COLLECTOR_PATH_KEYS, issues);
  if (issues.length > 0) throw new ConfigError(issues);
  return { source: source.label, baseDir: source.baseDir, agent, collectors, handlers };
}

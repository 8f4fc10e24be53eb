// A remote config (OpAMP) as a layer over the local file: merged after conf.d, and bounded by
// what the local file's agent.opamp allows.
import { describeValue } from '@spinel/sdk';
import { builtinPackageName, isPathSpecifier } from '../plugins/locate.js';
import type { ConfigIssue } from './errors.js';
import { mergeInto, type KeyOrigins } from './include.js';
import { parseConfig } from './load.js';
import type { OpampSettings } from './opamp-schema.js';
import type { PluginEntry } from './resolve.js';
import { isMapping } from './sections.js';

/** The text a server offered, with how errors name it. */
export interface RemoteLayer {
  /** E.g. `remote config 3f2a9c01 from https://opamp.example.com/v1/opamp`. */
  label: string;
  text: string;
}

/** The entries a remote layer added or changed: `collectors.cpu`, or `collectors.*` when it set the section's defaults. */
export type TouchedEntries = Set<string>;

/** Whether the remote layer added or changed this entry, itself or through its section's defaults. */
function touches(touched: TouchedEntries, section: string, key: string): boolean {
  return touched.has(`${section}.${key}`) || touched.has(`${section}.*`);
}

const REMOTE_SECTIONS = ['collectors', 'handlers'] as const;
const LOCAL_ONLY_KEYS: Readonly<Record<string, string>> = {
  spool_dir: 'a spool directory is chosen on the host (the local file)',
};
const ENV_REFERENCE = /(?<!\$)\$\{[A-Za-z_]/;

/**
 * Merges a remote config's `collectors` and `handlers` into the document (key by key, as an
 * included file is), refusing what only the local file may say: the `agent` section, `include`,
 * `${VAR}` references (the host's environment is not the server's to read) and local-only keys.
 */
export function applyRemoteLayer(document: Record<string, unknown>, layer: RemoteLayer, origins: KeyOrigins, issues: ConfigIssue[]): TouchedEntries {
  const touched: TouchedEntries = new Set();
  const issue = (key: string, expected: string, found: string): void => void issues.push({ file: layer.label, key, expected, found });
  if (ENV_REFERENCE.test(layer.text)) {
    issue('(document)', 'no ${VAR} references: a remote config does not read the environment of the hosts it runs on', 'a ${...} reference');
    return touched;
  }
  const parsed = parseConfig({ label: layer.label, text: layer.text, baseDir: '/' }, {});
  issues.push(...parsed.issues);
  for (const [section, value] of Object.entries(parsed.document)) {
    if (!(REMOTE_SECTIONS as readonly string[]).includes(section)) {
      const why = section === 'agent' ? 'agent settings are the local file’s alone' : 'a remote config holds collectors and handlers only';
      issue(section, `only collectors and handlers (${why})`, `a section ${section}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (!isMapping(value)) {
      issue(section, `a mapping of ${section}`, describeValue(value));
      continue;
    }
    for (const [key, entry] of Object.entries(value)) {
      touched.add(key === 'defaults' ? `${section}.*` : `${section}.${key}`);
      if (!isMapping(entry)) continue;
      for (const [option, reason] of Object.entries(LOCAL_ONLY_KEYS)) {
        if (option in entry) issue(`${section}.${key}.${option}`, `no ${option} in a remote config (${reason})`, describeValue(entry[option]));
      }
    }
    const target = isMapping(document[section]) ? document[section] : {};
    document[section] = target;
    mergeInto(target, value, section, layer.label, origins);
  }
  return touched;
}

/** `@spinel/*` matches every built-in; any other pattern is a whole package name. */
function allowedBy(patterns: readonly string[], name: string): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

/** The plugin an entry of the merged document names: its `plugin` key, else the built-in of its name. */
function specifierOf(section: 'collectors' | 'handlers', key: string, entry: unknown, defaults: unknown): string | undefined {
  const own = isMapping(entry) ? entry.plugin : undefined;
  const shared = isMapping(defaults) ? defaults.plugin : undefined;
  const plugin = own ?? shared;
  if (plugin !== undefined) return typeof plugin === 'string' ? plugin : undefined;
  return builtinPackageName(section === 'collectors' ? 'collector' : 'handler', key);
}

/**
 * Before any plugin is loaded: every entry the remote layer added or changed must name a package
 * `agent.opamp.allow_plugins` allows, never a path (loading a module runs its code). A refused
 * entry is taken out of the document, so it is never loaded, and named in an issue.
 */
export function screenRemoteEntries(
  document: Record<string, unknown>,
  layer: RemoteLayer,
  touched: TouchedEntries,
  opamp: OpampSettings,
  issues: ConfigIssue[],
): void {
  const refuseAll = !opamp.remote_config;
  if (refuseAll)
    issues.push({
      file: layer.label,
      key: '(document)',
      expected: 'no remote config, since the local file sets agent.opamp.remote_config: false',
      found: 'one',
    });
  for (const section of REMOTE_SECTIONS) {
    const entries = document[section];
    if (!isMapping(entries)) continue;
    for (const [key, entry] of Object.entries(entries)) {
      if (key === 'defaults' || !touches(touched, section, key)) continue;
      if (refuseAll) {
        delete entries[key];
        continue;
      }
      if (isMapping(entry) && entry.enabled === false) continue;
      const specifier = specifierOf(section, key, entry, entries.defaults);
      if (specifier !== undefined && !isPathSpecifier(specifier) && allowedBy(opamp.allow_plugins, specifier)) continue;
      issues.push({
        file: layer.label,
        key: `${section}.${key}.plugin`,
        expected: `a plugin package agent.opamp.allow_plugins lets a remote config use (${opamp.allow_plugins.join(', ') || 'none'})`,
        // The whole specifier, however long its path: describeValue would shorten it.
        found: specifier === undefined ? describeValue(isMapping(entry) ? entry.plugin : undefined) : JSON.stringify(specifier),
      });
      delete entries[key];
    }
  }
}

/** After loading: no privileged plugin in an entry the remote layer added or changed, unless `agent.opamp.allow_privileged`. */
export function checkRemotePrivileges(
  layer: RemoteLayer,
  touched: TouchedEntries,
  sections: Record<'collectors' | 'handlers', ReadonlyArray<PluginEntry<unknown>>>,
  opamp: OpampSettings,
  issues: ConfigIssue[],
): void {
  if (opamp.allow_privileged || !opamp.remote_config) return;
  for (const [section, entries] of Object.entries(sections)) {
    for (const entry of entries) {
      if (!touches(touched, section, entry.key) || !entry.description.privileged) continue;
      issues.push({
        file: layer.label,
        key: `${section}.${entry.key}.plugin`,
        expected: 'a plugin that only reads metrics (a privileged one needs agent.opamp.allow_privileged: true in the local file)',
        found: `${entry.plugin.packageName ?? entry.plugin.specifier}, which ${entry.description.privileged}`,
      });
    }
  }
}

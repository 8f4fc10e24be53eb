import { breaksLine, describeValue, escapeName, validateOptions, type OptionValues } from '@spinel/sdk';
import type { PluginDescription } from '../plugins/describe.js';
import type { PluginIntrospector } from '../plugins/introspect.js';
import type { LocatedPlugin } from '../plugins/locate.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { applyIncludes, attributeIssue, type KeyOrigins } from './include.js';
import { parseConfig, type ConfigSource } from './load.js';
import { applyRemoteLayer, checkRemotePrivileges, screenRemoteEntries, type RemoteLayer } from './remote-layer.js';
import { collectorSection, handlerSection, isMapping, resolveSection } from './sections.js';
import { agentSchema, type collectorCommonSchema, type handlerCommonSchema } from './schema.js';
import { checkOpamp, opampSchema, type OpampSettings } from './opamp-schema.js';
import { lacksNeededToken, statusSchema, type StatusSettings } from './status-schema.js';
import { unknownSectionIssues } from './unknown-sections.js';

export type AgentSettings = OptionValues<typeof agentSchema>;
export type CollectorCommon = OptionValues<typeof collectorCommonSchema>;
export type HandlerCommon = OptionValues<typeof handlerCommonSchema>;

/** One enabled config entry, resolved and validated. */
export interface PluginEntry<C> {
  /** The entry's key in its section, e.g. `cpu`. */
  key: string;
  plugin: LocatedPlugin;
  description: PluginDescription;
  common: C;
  /** The plugin's own options, validated, defaults filled. */
  options: Record<string, unknown>;
  /** The worker it runs in: `own:<entry key>` or the name given by its `worker` key. */
  worker: string;
}

export interface EffectiveConfig {
  source: string;
  baseDir: string;
  /** The files it was read from: the main one and those it included. */
  files: string[];
  agent: AgentSettings;
  /** `agent.status`. */
  status: StatusSettings;
  /** `agent.opamp`. */
  opamp: OpampSettings;
  collectors: Array<PluginEntry<CollectorCommon>>;
  handlers: Array<PluginEntry<HandlerCommon>>;
}

export interface ResolveOptions {
  introspector: PluginIntrospector;
  /** Directories package-name plugins are looked up from, after the config's own folder. */
  searchDirs: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** A remote config (OpAMP) merged over the local file and its includes, within agent.opamp's bounds. */
  remote?: RemoteLayer | undefined;
}

const SECTIONS = ['agent', 'collectors', 'handlers', 'include'] as const;

/** Path parts from the config (host name, prefixes, collector paths) must be usable in a metric path. */
function checkPathParts(label: string, section: string, values: Record<string, unknown>, keys: readonly string[], issues: ConfigIssue[]): void {
  for (const key of keys) {
    const value = values[key];
    if (typeof value !== 'string' || (!breaksLine(value) && value.isWellFormed())) continue;
    issues.push({ file: label, key: `${section}.${key}`, expected: 'a metric path part without whitespace or control characters', found: escapeName(value) });
  }
}

/** systemd's StateDirectory= (the packages' unit sets it): the first of its paths. */
function stateDirectoryOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.STATE_DIRECTORY?.split(':')[0] || undefined;
}

/** A nested mapping of the agent section, validated against its schema; `what` says what the mapping holds. */
function checkSection<S extends Parameters<typeof validateOptions>[0]>(
  label: string,
  key: string,
  what: string,
  schema: S,
  raw: unknown,
  issues: ConfigIssue[],
): OptionValues<S> | undefined {
  if (!isMapping(raw)) {
    issues.push({ file: label, key, expected: `a mapping of ${what}`, found: describeValue(raw) });
    return undefined;
  }
  const checked = validateOptions(schema, raw);
  for (const issue of checked.issues) issues.push({ file: label, key: `${key}.${issue.key}`, expected: issue.expected, found: issue.found });
  return checked.value;
}

/** `agent.status`, and its one rule across keys: beyond loopback, a token or an explicit insecure. */
function checkStatus(label: string, raw: unknown, issues: ConfigIssue[]): StatusSettings | undefined {
  const status = checkSection(label, 'agent.status', 'status server settings (listen, port, token, ...)', statusSchema, raw, issues);
  if (!status) return undefined;
  if (lacksNeededToken(status)) {
    issues.push({
      file: label,
      key: 'agent.status.token',
      expected: `a bearer token, since the status server listens on ${status.listen}, beyond loopback (or insecure: true)`,
      found: 'none',
    });
  }
  return status;
}

const COLLECTOR_PATH_KEYS = ['path', 'path_prefix', 'path_suffix', 'instance_prefix'] as const;

/**
 * Parses, substitutes, validates and resolves a config: every plugin is located and its options
 * checked against its schema. Throws a {@link ConfigError} listing every problem.
 */
export async function loadConfig(source: ConfigSource, options: ResolveOptions): Promise<EffectiveConfig> {
  const parsed = parseConfig(source, options.env);
  const doc = parsed.document;
  const origins: KeyOrigins = new Map();
  const files = source.file ? [source.file] : [];
  const issues = [...parsed.issues, ...applyIncludes(doc, source, options.env, origins, files)];
  issues.push(...unknownSectionIssues(source.label, Object.keys(doc), SECTIONS));
  const touched = options.remote ? applyRemoteLayer(doc, options.remote, origins, issues) : undefined;
  const agentRaw = doc.agent ?? {};
  let agent = validateOptions(agentSchema, {}).value;
  let status = validateOptions(statusSchema, {}).value;
  let opamp = validateOptions(opampSchema, {}).value;
  if (!isMapping(agentRaw)) {
    issues.push({ file: source.label, key: 'agent', expected: 'a mapping of agent settings', found: describeValue(agentRaw) });
  } else {
    const { status: statusRaw, opamp: opampRaw, ...rest } = agentRaw;
    const checked = validateOptions(agentSchema, rest);
    agent = { ...checked.value, state_dir: checked.value.state_dir ?? stateDirectoryOf(options.env ?? process.env) };
    for (const issue of checked.issues) issues.push({ file: source.label, key: `agent.${issue.key}`, expected: issue.expected, found: issue.found });
    checkPathParts(source.label, 'agent', agent, ['hostname', 'path_prefix', 'path_suffix'], issues);
    status = checkStatus(source.label, statusRaw ?? {}, issues) ?? status;
    opamp = checkSection(source.label, 'agent.opamp', 'OpAMP settings (endpoint, headers, ...)', opampSchema, opampRaw ?? {}, issues) ?? opamp;
    checkOpamp(source.label, opamp, agent.state_dir, source.baseDir, issues);
  }
  if (options.remote && touched) screenRemoteEntries(doc, options.remote, touched, opamp, issues);
  const [collectors, handlers] = await Promise.all([
    resolveSection(source.label, doc.collectors, collectorSection, source.baseDir, options, issues),
    resolveSection(source.label, doc.handlers, handlerSection, source.baseDir, options, issues),
  ]);
  if (options.remote && touched) checkRemotePrivileges(options.remote, touched, { collectors, handlers }, opamp, issues);
  for (const entry of collectors) checkPathParts(source.label, `collectors.${entry.key}`, entry.common, COLLECTOR_PATH_KEYS, issues);
  if (issues.length > 0) throw new ConfigError(issues.map((issue) => attributeIssue(issue, origins)));
  return { source: source.label, baseDir: source.baseDir, files, agent, status, opamp, collectors, handlers };
}

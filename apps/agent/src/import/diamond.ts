import type { ConfigObjSection, ConfigObjValue } from './configobj.js';
import { AGENT_FROM_DEFAULTS, COLLECTOR_COMMON, COLLECTORS, HANDLER_COMMON, HANDLERS, NO_COUNTERPART } from './tables.js';
import { applyMetriclyDefaults } from './metricly.js';

/** Something of the Diamond config that has no place in the Spinel one, and why. */
export interface Unmapped {
  /** `[collectors] [[FooCollector]] bar` style location, with the file and line. */
  where: string;
  why: string;
}

export interface ImportResult {
  /** The Spinel config, ready to be written as YAML. */
  document: { agent: Record<string, unknown>; collectors: Record<string, unknown>; handlers: Record<string, unknown> };
  unmapped: Unmapped[];
}

/** The option names a Spinel plugin takes (undefined when no such plugin is installed). */
export type PluginOptions = (kind: 'collector' | 'handler', key: string) => ReadonlySet<string> | undefined;

const LOGGING_SECTIONS = /^(loggers|formatters|logger_.+|handler_.+|formatter_.+)$/;
const TRUE = /^(true|yes|on|1)$/i;

const valuesOf = (section: ConfigObjSection | undefined): Map<string, { value: ConfigObjValue; line: number }> => section?.values ?? new Map();
const className = (dotted: string): string => dotted.split('.').at(-1) ?? dotted;

/**
 * Maps a Diamond (or Metricly agent) config to a Spinel one. Every section and option either
 * lands in the result or is listed in `unmapped` with the reason; nothing is dropped silently.
 */
export function importDiamond(root: ConfigObjSection, file: string, pluginOptions: PluginOptions): ImportResult {
  const unmapped: Unmapped[] = [];
  const at = (line: number, where: string): string => `${file}:${line} ${where}`;
  const agent: Record<string, unknown> = {};
  const collectors: Record<string, unknown> = {};
  const handlers: Record<string, unknown> = {};

  for (const [name, sectionValue] of root.sections) {
    if (['server', 'handlers', 'collectors', 'configs'].includes(name)) continue;
    const why = LOGGING_SECTIONS.test(name) ? "Python logging configuration; Spinel logs to stderr at agent.log_level" : 'not a section Diamond itself reads';
    unmapped.push({ where: at(sectionValue.line, `[${name}]`), why });
  }
  for (const [key, { line }] of root.values) unmapped.push({ where: at(line, key), why: 'a setting outside any section' });

  // [server]
  const server = root.sections.get('server');
  const handlerClasses: string[] = [];
  for (const [key, { value, line }] of valuesOf(server)) {
    if (key === 'handlers') handlerClasses.push(...(Array.isArray(value) ? value : [value]).filter((v) => v !== '').map(className));
    else if (key === 'collectors_config_path' || key === 'handlers_config_path') continue; // read by the caller
    else unmapped.push({ where: at(line, `[server] ${key}`), why: NO_COUNTERPART[key] ?? 'no Spinel counterpart' });
  }

  // [handlers]: [[default]] applies to each; `keys` belongs to Python logging.
  const handlerSections = root.sections.get('handlers');
  for (const [key, { line }] of valuesOf(handlerSections)) {
    unmapped.push({ where: at(line, `[handlers] ${key}`), why: key === 'keys' ? 'Python logging handlers; Spinel logs to stderr' : 'no Spinel counterpart' });
  }
  const handlerDefaults = handlerSections?.sections.get('default');
  for (const cls of handlerClasses) {
    const mapping = HANDLERS[cls];
    const section = handlerSections?.sections.get(cls);
    if (!mapping) {
      unmapped.push({ where: at(section?.line ?? server?.line ?? 0, `[server] handlers: ${cls}`), why: 'no Spinel handler does what this one does' });
      continue;
    }
    const known = pluginOptions('handler', mapping.key);
    if (!known) {
      unmapped.push({ where: at(section?.line ?? 0, `[handlers] [[${cls}]]`), why: `the Spinel handler ${mapping.key} is not installed` });
      continue;
    }
    const entry: Record<string, unknown> = { ...mapping.implied };
    const sources = [['default', valuesOf(handlerDefaults)], [cls, valuesOf(section)]] as const;
    const adapted = mapping.adapt?.(new Map(sources.flatMap(([, values]) => [...values].map(([k, v]) => [k, v.value] as const))));
    Object.assign(entry, adapted?.set);
    for (const [from, values] of sources) {
      for (const [diamondKey, { value, line }] of values) {
        const refusal = adapted?.refused[diamondKey];
        if (refusal) unmapped.push({ where: at(line, `[handlers] [[${from}]] ${diamondKey}`), why: refusal });
        if (adapted?.consumed.includes(diamondKey)) continue;
        const key = mapping.renamed?.[diamondKey] ?? diamondKey;
        if (known.has(key)) entry[key] = value;
        else if (key in HANDLER_COMMON) entry[HANDLER_COMMON[key]!] = value;
        else unmapped.push({ where: at(line, `[handlers] [[${from}]] ${key}`), why: NO_COUNTERPART[key] ?? `the Spinel handler ${mapping.key} has no option ${key}` });
      }
    }
    for (const [name, sub] of section?.sections ?? []) {
      if (name === 'statsd' && mapping.key === 'metricly') {
        mapStatsdListener(sub, collectors, unmapped, at);
        continue;
      }
      unmapped.push({ where: at(sub.line, `[handlers] [[${cls}]] [[[${name}]]]`), why: 'no Spinel counterpart' });
    }
    handlers[mapping.key] = entry;
  }
  for (const [name, sub] of handlerSections?.sections ?? []) {
    if (name !== 'default' && !handlerClasses.includes(name)) unmapped.push({ where: at(sub.line, `[handlers] [[${name}]]`), why: 'not in [server] handlers, so Diamond did not run it either' });
  }

  // [collectors]: [[default]] to collectors.defaults and the agent section.
  const collectorSections = root.sections.get('collectors');
  const defaults: Record<string, unknown> = {};
  let enabledByDefault = false;
  for (const [key, { value, line }] of valuesOf(collectorSections?.sections.get('default'))) {
    if (key === 'enabled') enabledByDefault = TRUE.test(String(value));
    else if (AGENT_FROM_DEFAULTS.has(key)) agent[key] = value;
    else if (COLLECTOR_COMMON.has(key)) defaults[key] = value;
    else unmapped.push({ where: at(line, `[collectors] [[default]] ${key}`), why: NO_COUNTERPART[key] ?? 'no option every Spinel collector takes' });
  }
  if (Object.keys(defaults).length > 0) collectors.defaults = defaults;
  for (const [key, { line }] of valuesOf(collectorSections)) unmapped.push({ where: at(line, `[collectors] ${key}`), why: 'no Spinel counterpart' });
  for (const [cls, section] of collectorSections?.sections ?? []) {
    if (cls === 'default') continue;
    const enabled = section.values.has('enabled') ? TRUE.test(String(section.values.get('enabled')?.value)) : enabledByDefault;
    if (!enabled) continue; // Diamond did not run it either
    const key = COLLECTORS[cls];
    const known = key === undefined ? undefined : pluginOptions('collector', key);
    if (!key || !known) {
      unmapped.push({ where: at(section.line, `[collectors] [[${cls}]]`), why: key ? `the Spinel collector ${key} is not installed` : 'no Spinel collector does what this one does' });
      continue;
    }
    // Metricly's docker collector published under `containers`, with its own names.
    const entry: Record<string, unknown> = cls === 'NetuitiveDockerCollector' ? { naming: 'metricly', path: 'containers' } : {};
    for (const [option, { value, line }] of section.values) {
      if (option === 'enabled') continue;
      if (COLLECTOR_COMMON.has(option) || known.has(option)) entry[option] = value;
      else unmapped.push({ where: at(line, `[collectors] [[${cls}]] ${option}`), why: NO_COUNTERPART[option] ?? `the Spinel collector ${key} has no option ${option}` });
    }
    for (const sub of section.sections.values()) unmapped.push({ where: at(sub.line, `[collectors] [[${cls}]] [[[${sub.name}]]]`), why: 'no Spinel counterpart' });
    collectors[key] = entry;
  }
  if (handlers.metricly) applyMetriclyDefaults(collectors);
  // In the file's order, as a person reading it top to bottom would check them.
  const lineOf = (u: Unmapped): number => Number(/:(\d+) /.exec(u.where)?.[1] ?? 0);
  unmapped.sort((a, b) => lineOf(a) - lineOf(b));
  return { document: { agent, collectors, handlers }, unmapped };
}

/** The Metricly handler's embedded StatsD server becomes the statsd listener collector. */
function mapStatsdListener(section: ConfigObjSection, collectors: Record<string, unknown>, unmapped: Unmapped[], at: (line: number, where: string) => string): void {
  const values = section.values;
  if (values.has('enabled') && !TRUE.test(String(values.get('enabled')?.value))) return;
  const entry: Record<string, unknown> = {};
  for (const [key, { value, line }] of values) {
    if (key === 'enabled') continue;
    if (key === 'listen_ip') entry.listen = value;
    else if (key === 'listen_port') entry.port = value;
    else if (key === 'forward_ip' || key === 'forward_port') continue;
    else if (key === 'forward') continue;
    else unmapped.push({ where: at(line, `[[[statsd]]] ${key}`), why: 'the statsd listener has no such option' });
  }
  const forward = values.get('forward')?.value;
  const forwardIp = values.get('forward_ip')?.value;
  const forwardPort = values.get('forward_port')?.value;
  if (forward !== undefined && TRUE.test(String(forward)) && forwardIp && forwardPort) entry.forward = `${String(forwardIp)}:${String(forwardPort)}`;
  collectors.statsd = entry;
}

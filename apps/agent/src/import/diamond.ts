import { interpolate, InterpolationError, type ConfigObjEntry, type ConfigObjSection, type ConfigObjValue } from './configobj.js';
import {
  AGENT_FROM_DEFAULTS,
  COLLECTOR_COMMON,
  COLLECTOR_RENAMED,
  COLLECTORS,
  DEFAULT_FROM_OPTION,
  HANDLER_COMMON,
  HANDLERS,
  NO_COUNTERPART,
} from './tables.js';
import { applyMetriclyDefaults } from './metricly.js';
import { diamondBoolean, type PluginSchemas } from './typing.js';

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

/** A Diamond config Diamond itself would have refused to start with. */
export class DiamondConfigError extends Error {
  override name = 'DiamondConfigError';
}

const LOGGING_SECTIONS = /^(loggers|formatters|logger_.+|handler_.+|formatter_.+)$/;

/** A section's values as Diamond reads them (ConfigObj's `%(name)s` interpolation applied). */
const valuesOf = (section: ConfigObjSection | undefined): Map<string, ConfigObjEntry> =>
  new Map([...(section?.values ?? [])].map(([key, entry]) => [key, { ...entry, value: interpolated(section!, key, entry) }]));

/** A value with its `%(name)s` filled in; a reference to nothing is Diamond's error at start, so ours. */
function interpolated(section: ConfigObjSection, key: string, entry: ConfigObjEntry): ConfigObjValue {
  try {
    return interpolate(section, key, entry.value);
  } catch (error) {
    if (!(error instanceof InterpolationError)) throw error;
    throw new DiamondConfigError(`${entry.file}:${entry.line}: ${key}: ${error.message} (ConfigObj's interpolation, which Diamond reads values through)`);
  }
}

/** A subsection as a plain mapping: values and nested subsections (processresources' `[[[process]]]`). */
const mappingOf = (section: ConfigObjSection): Record<string, unknown> => ({
  ...Object.fromEntries([...valuesOf(section)].map(([key, { value }]) => [key, value])),
  ...Object.fromEntries([...section.sections].map(([name, sub]) => [name, mappingOf(sub)])),
});

// The Metricly fork's BaseCollector runs these seven in one thread, each with its own section's
// options, and switches their own entries off (server.py manage_base_collectors).
const BASE_COLLECTOR_PARTS = [
  'CPUCollector',
  'MemoryCollector',
  'LoadAverageCollector',
  'NetworkCollector',
  'DiskUsageCollector',
  'DiskSpaceCollector',
  'VMStatCollector',
];
const className = (dotted: string): string => dotted.split('.').at(-1) ?? dotted;

/**
 * Maps a Diamond (or Metricly agent) config to a Spinel one. Every section and option either
 * lands in the result or is listed in `unmapped` with the reason; nothing is dropped silently.
 */
export function importDiamond(root: ConfigObjSection, file: string, pluginOptions: PluginSchemas): ImportResult {
  const unmapped: Unmapped[] = [];
  const at = (line: number, where: string, source = file): string => `${source}:${line} ${where}`;
  const agent: Record<string, unknown> = {};
  const collectors: Record<string, unknown> = {};
  const handlers: Record<string, unknown> = {};

  for (const [name, sectionValue] of root.sections) {
    if (['server', 'handlers', 'collectors', 'configs'].includes(name)) continue;
    const why = LOGGING_SECTIONS.test(name) ? 'Python logging configuration; Spinel logs to stderr at agent.log_level' : 'not a section Diamond itself reads';
    unmapped.push({ where: at(sectionValue.line, `[${name}]`), why });
  }
  for (const [key, { line }] of root.values) unmapped.push({ where: at(line, key), why: 'a setting outside any section' });

  // [server]
  const server = root.sections.get('server');
  const handlerClasses: string[] = [];
  for (const sub of server?.sections.values() ?? [])
    unmapped.push({ where: at(sub.line, `[server] [[${sub.name}]]`, sub.file), why: 'a subsection Diamond does not read' });
  for (const [key, { line, file: source }] of valuesOf(root.sections.get('configs'))) {
    if (key !== 'path' && key !== 'extension')
      unmapped.push({ where: at(line, `[configs] ${key}`, source), why: 'Diamond reads only path and extension here' });
  }
  for (const [key, { value, line }] of valuesOf(server)) {
    if (key === 'handlers') handlerClasses.push(...(Array.isArray(value) ? value : [value]).filter((v) => v !== '').map(className));
    else if (key === 'collectors_config_path' || key === 'handlers_config_path')
      continue; // read by the caller
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
    const sources = [
      ['default', valuesOf(handlerDefaults)],
      [cls, valuesOf(section)],
    ] as const;
    const adapted = mapping.adapt?.(new Map(sources.flatMap(([, values]) => [...values].map(([k, v]) => [k, v.value] as const))));
    Object.assign(entry, adapted?.set);
    for (const [from, values] of sources) {
      for (const [diamondKey, { value, line }] of values) {
        const refusal = adapted?.refused[diamondKey];
        if (refusal) unmapped.push({ where: at(line, `[handlers] [[${from}]] ${diamondKey}`), why: refusal });
        if (adapted?.consumed.includes(diamondKey)) continue;
        const key = mapping.renamed?.[diamondKey] ?? diamondKey;
        if (key in known) entry[key] = value;
        else if (key in HANDLER_COMMON) entry[HANDLER_COMMON[key]!] = value;
        else
          unmapped.push({
            where: at(line, `[handlers] [[${from}]] ${key}`),
            why: NO_COUNTERPART[key] ?? `the Spinel handler ${mapping.key} has no option ${key}`,
          });
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
    if (name !== 'default' && !handlerClasses.includes(name))
      unmapped.push({ where: at(sub.line, `[handlers] [[${name}]]`), why: 'not in [server] handlers, so Diamond did not run it either' });
  }

  // [collectors]: [[default]] to collectors.defaults and the agent section.
  const collectorSections = root.sections.get('collectors');
  const defaults: Record<string, unknown> = {};
  const isEnabled = (section: ConfigObjSection | undefined, fallback: boolean): boolean => {
    const entry = section?.values.get('enabled');
    if (!entry) return fallback;
    const value = diamondBoolean(interpolated(section!, 'enabled', entry));
    // Diamond's load_config raises "Unknown bool" here and does not start.
    if (value === undefined)
      throw new DiamondConfigError(
        `${file}:${entry.line}: [collectors] [[${section!.name}]] enabled: expected True or False (Diamond's words: true, t, yes, y, false, f, no, n), found ${JSON.stringify(entry.value)}`,
      );
    return value;
  };
  const defaultSection = collectorSections?.sections.get('default');
  const enabledByDefault = isEnabled(defaultSection, false);
  const baseCollector = collectorSections?.sections.get('BaseCollector');
  const baseEnabled = baseCollector !== undefined && isEnabled(baseCollector, false);
  // [[default]] settings that are some collectors' own options (the fork's `simple`): Diamond
  // merged [[default]] into every collector's config, so each collector that has the option gets it.
  const pluginDefaults = new Map<string, { value: ConfigObjValue; line: number }>();
  for (const [key, { value, line }] of valuesOf(defaultSection)) {
    if (key === 'enabled') continue;
    else if (AGENT_FROM_DEFAULTS.has(key)) agent[key] = value;
    else if (COLLECTOR_COMMON.has(key)) defaults[key] = value;
    else if (NO_COUNTERPART[key]) unmapped.push({ where: at(line, `[collectors] [[default]] ${key}`), why: NO_COUNTERPART[key] });
    else pluginDefaults.set(key, { value, line });
  }
  if (Object.keys(defaults).length > 0) collectors.defaults = defaults;
  for (const [key, { line }] of valuesOf(collectorSections)) unmapped.push({ where: at(line, `[collectors] ${key}`), why: 'no Spinel counterpart' });
  for (const [cls, section] of collectorSections?.sections ?? []) {
    if (cls === 'default') continue;
    if (cls === 'BaseCollector') {
      if (baseEnabled)
        for (const [option, { line }] of valuesOf(section))
          if (option !== 'enabled')
            unmapped.push({
              where: at(line, `[collectors] [[BaseCollector]] ${option}`),
              why: 'BaseCollector runs the seven system collectors, each with the options of its own section; set this there',
            });
      continue;
    }
    const enabled = (baseEnabled && BASE_COLLECTOR_PARTS.includes(cls)) || isEnabled(section, enabledByDefault);
    if (!enabled) continue; // Diamond did not run it either
    const key = COLLECTORS[cls];
    const known = key === undefined ? undefined : pluginOptions('collector', key);
    if (!key || !known) {
      unmapped.push({
        where: at(section.line, `[collectors] [[${cls}]]`, section.file),
        why: key ? `the Spinel collector ${key} is not installed` : 'no Spinel collector does what this one does',
      });
      continue;
    }
    // Metricly's docker collector published under `containers`, with its own names.
    // Diamond's DockerCollector's own names; Metricly's, published under `containers`.
    const entry: Record<string, unknown> =
      cls === 'NetuitiveDockerCollector' ? { naming: 'metricly', path: 'containers' } : cls === 'DockerCollector' ? { naming: 'diamond' } : {};
    for (const [diamondOption, { value, line, file: source }] of valuesOf(section)) {
      if (diamondOption === 'enabled') continue;
      const option = COLLECTOR_RENAMED[key]?.[diamondOption] ?? diamondOption;
      if (COLLECTOR_COMMON.has(option) || option in known) entry[option] = value;
      else
        unmapped.push({
          where: at(line, `[collectors] [[${cls}]] ${diamondOption}`, source),
          why: NO_COUNTERPART[diamondOption] ?? `the Spinel collector ${key} has no option ${option}`,
        });
    }
    for (const [option, from] of DEFAULT_FROM_OPTION[key] ?? []) if (!(option in entry) && from in entry) entry[option] = entry[from];
    for (const sub of section.sections.values()) {
      if (known[sub.name]?.kind === 'map') entry[sub.name] = mappingOf(sub);
      else
        unmapped.push({
          where: at(sub.line, `[collectors] [[${cls}]] [[[${sub.name}]]]`, sub.file),
          why: `the Spinel collector ${key} takes no mapping ${sub.name}`,
        });
    }
    collectors[key] = entry;
  }
  if (baseEnabled) {
    for (const cls of BASE_COLLECTOR_PARTS) {
      const key = COLLECTORS[cls]!;
      if (!(key in collectors) && pluginOptions('collector', key)) collectors[key] = {};
    }
  }
  for (const [option, { value, line }] of pluginDefaults) {
    const takers = Object.keys(collectors).filter((key) => key !== 'defaults' && option in (pluginOptions('collector', key) ?? {}));
    for (const key of takers) {
      const entry = collectors[key] as Record<string, unknown>;
      if (!(option in entry)) entry[option] = value;
    }
    if (takers.length === 0) unmapped.push({ where: at(line, `[collectors] [[default]] ${option}`), why: 'no imported collector has this option' });
  }
  if (handlers.metricly) applyMetriclyDefaults(collectors);
  // In the file's order, as a person reading it top to bottom would check them.
  const lineOf = (u: Unmapped): number => Number(/:(\d+) /.exec(u.where)?.[1] ?? 0);
  unmapped.sort((a, b) => lineOf(a) - lineOf(b));
  return { document: { agent, collectors, handlers }, unmapped };
}

/** The Metricly handler's embedded StatsD server becomes the statsd listener collector. */
function mapStatsdListener(
  section: ConfigObjSection,
  collectors: Record<string, unknown>,
  unmapped: Unmapped[],
  at: (line: number, where: string) => string,
): void {
  const values = valuesOf(section);
  if (values.has('enabled') && diamondBoolean(values.get('enabled')?.value) !== true) return;
  const entry: Record<string, unknown> = {};
  for (const [key, { value, line }] of values) {
    if (key === 'enabled') continue;
    if (key === 'listen_ip') entry.listen = value;
    else if (key === 'listen_port') entry.port = value;
    else if (['forward', 'forward_ip', 'forward_port'].includes(key)) {
      if (diamondBoolean(values.get('forward')?.value) !== true)
        unmapped.push({ where: at(line, `[[[statsd]]] ${key}`), why: 'forwarding is off (forward is not True), so there is nothing to forward to' });
    } else unmapped.push({ where: at(line, `[[[statsd]]] ${key}`), why: 'the statsd listener has no such option' });
  }
  const forward = values.get('forward')?.value;
  const forwardIp = values.get('forward_ip')?.value;
  const forwardPort = values.get('forward_port')?.value;
  if (diamondBoolean(forward) === true && forwardIp && forwardPort) entry.forward = `${String(forwardIp)}:${String(forwardPort)}`;
  collectors.statsd = entry;
}

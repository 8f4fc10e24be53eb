import { redactOptions, secretValues } from '@spinel/sdk';
import { stringify } from 'yaml';
import type { EffectiveConfig, PluginEntry } from './resolve.js';

export { REDACTED } from '@spinel/sdk';

function entryDocument(entry: PluginEntry<Record<string, unknown>>): Record<string, unknown> {
  const secrets = entry.description.options.filter((o) => o.secret).map((o) => o.key);
  const common = Object.fromEntries(Object.entries(entry.common).filter(([, v]) => v !== undefined));
  return { ...common, plugin: entry.plugin.packageName ?? entry.plugin.specifier, worker: entry.worker, ...redactOptions(entry.options, secrets) };
}

/** Every secret value in a config's plugin options (for scrubbing logs), per the SDK's redaction model. */
export function configSecrets(config: EffectiveConfig): string[] {
  const all = new Set<string>();
  for (const entry of [...config.collectors, ...config.handlers] as Array<PluginEntry<Record<string, unknown>>>) {
    const secrets = entry.description.options.filter((o) => o.secret).map((o) => o.key);
    for (const value of secretValues(entry.options, secrets)) all.add(value);
  }
  if (config.status.token) all.add(config.status.token);
  for (const value of secretValues(config.opamp, ['headers'])) all.add(value);
  return [...all];
}

const definedOnly = (values: object): Record<string, unknown> => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

/** The effective config as a document: defaults merged, plugins resolved, secrets redacted. */
export function effectiveConfigDocument(config: EffectiveConfig): Record<string, unknown> {
  const section = (entries: Array<PluginEntry<Record<string, unknown>>>) => Object.fromEntries(entries.map((e) => [e.key, entryDocument(e)]));
  return {
    agent: {
      ...definedOnly(config.agent),
      status: redactOptions(definedOnly(config.status), ['token']),
      ...(config.opamp.endpoint ? { opamp: redactOptions(definedOnly(config.opamp), ['headers']) } : {}),
    },
    collectors: section(config.collectors as never),
    handlers: section(config.handlers as never),
  };
}

export function printEffectiveConfig(config: EffectiveConfig): string {
  return `# effective config of ${config.source}\n${stringify(effectiveConfigDocument(config))}`;
}

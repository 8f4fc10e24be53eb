import { stringify } from 'yaml';
import type { EffectiveConfig, PluginEntry } from './resolve.js';

const SECRET_NAME = /pass(word)?|secret|token|api_?key|credential/i;
export const REDACTED = '<redacted>';

function entryDocument(entry: PluginEntry<Record<string, unknown>>): Record<string, unknown> {
  const secrets = new Set(entry.description.options.filter((o) => o.secret).map((o) => o.key));
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry.options)) {
    options[key] = value !== undefined && value !== '' && (secrets.has(key) || SECRET_NAME.test(key)) ? REDACTED : value;
  }
  const common = Object.fromEntries(Object.entries(entry.common).filter(([, v]) => v !== undefined));
  return { ...common, plugin: entry.plugin.packageName ?? entry.plugin.specifier, worker: entry.worker, ...options };
}

/** The effective config as a document: defaults merged, plugins resolved, secrets redacted. */
export function effectiveConfigDocument(config: EffectiveConfig): Record<string, unknown> {
  const section = (entries: Array<PluginEntry<Record<string, unknown>>>) => Object.fromEntries(entries.map((e) => [e.instance, entryDocument(e)]));
  return {
    agent: Object.fromEntries(Object.entries(config.agent).filter(([, v]) => v !== undefined)),
    collectors: section(config.collectors as never),
    handlers: section(config.handlers as never),
  };
}

export function printEffectiveConfig(config: EffectiveConfig): string {
  return `# effective config of ${config.source}\n${stringify(effectiveConfigDocument(config))}`;
}

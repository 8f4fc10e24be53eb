import { validatePluginOptions, type MetricSpec, type OptionIssue, type PluginDefinition } from '@spinel/sdk';
import type { PluginKind } from './definition.js';

/** One option as documentation and redaction need it: plain data that crosses threads. */
export interface OptionDoc {
  key: string;
  type: string;
  default: unknown;
  description: string;
  secret: boolean;
}

/** A plugin as the main thread knows it, without ever running its code there. */
export interface PluginDescription {
  kind: PluginKind;
  name: string;
  description: string;
  /** Collectors only: the default metric path. */
  path: string | undefined;
  defaultWorker: string;
  /** What it may do beyond reading metrics (runs programs, writes files); see the SDK's `privileged`. */
  privileged: string | undefined;
  apiVersion: number;
  options: OptionDoc[];
  catalogue: MetricSpec[];
}

export interface OptionsCheck {
  key: string;
  value: Record<string, unknown>;
  issues: OptionIssue[];
}

export function describePlugin(def: PluginDefinition): PluginDescription {
  return {
    kind: def.kind,
    name: def.name,
    description: def.description,
    path: def.kind === 'collector' ? def.path : undefined,
    defaultWorker: def.defaultWorker,
    privileged: def.privileged,
    apiVersion: def.apiVersion,
    options: Object.entries(def.options).map(([key, spec]) => ({
      key,
      type: spec.typeLabel,
      default: spec.default,
      description: spec.description,
      secret: spec.secret,
    })),
    catalogue: def.kind === 'collector' ? def.catalogue.map((m) => ({ ...m })) : [],
  };
}

/** Options for one config entry: its own keys, and the section's `defaults` keys. */
export interface OptionsInput {
  key: string;
  raw: Record<string, unknown>;
  /** Keys from the section's `defaults`; those the plugin does not know are ignored. */
  defaults: Record<string, unknown>;
}

/**
 * Validates each entry's options. Keys inherited from `defaults` apply only where the plugin
 * declares them (a `byte_unit` default must not break `loadavg`); keys in the entry itself are
 * always checked, so a typo there is an error. Issue keys say where the value came from.
 */
export function checkOptions(def: PluginDefinition, entries: readonly OptionsInput[]): OptionsCheck[] {
  return entries.map(({ key: instance, raw, defaults }) => {
    const inherited = Object.fromEntries(Object.entries(defaults).filter(([key]) => key in def.options && !(key in raw)));
    const { value, issues } = validatePluginOptions(def as { options: PluginDefinition['options'] }, { ...inherited, ...raw });
    return {
      key: instance,
      value,
      issues: issues.map((issue) => ({ ...issue, key: issue.key in inherited ? `defaults.${issue.key}` : `${instance}.${issue.key}` })),
    };
  });
}

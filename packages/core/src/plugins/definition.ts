import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SDK_API_VERSION, SpinelError, type CollectorDefinition, type HandlerDefinition, type PluginDefinition } from '@spinel/sdk';

/** The @spinel/sdk range whose plugins this agent runs: same major, or same minor while 0.x. */
const SDK_RANGE = (() => {
  const { version } = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@spinel/sdk/package.json'), 'utf8')) as { version: string };
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `^0.${minor}` : `^${major}`;
})();

export type PluginKind = 'collector' | 'handler';

function problem(source: string, what: string): SpinelError {
  return new SpinelError('SPINEL_PLUGIN_INVALID', `plugin ${source}: ${what}`);
}

/** Picks the plugin definition out of a module namespace: the default export, or `collector`/`handler`. */
export function definitionFromModule(namespace: Record<string, unknown>, kind: PluginKind, source: string): PluginDefinition {
  const candidate = namespace.default ?? namespace[kind];
  if (candidate === undefined) {
    throw problem(
      source,
      `expected a default export made by define${kind === 'collector' ? 'Collector' : 'Handler'}() from @spinel/sdk, found exports: ${Object.keys(namespace).join(', ') || 'none'}`,
    );
  }
  return assertDefinition(candidate, kind, source);
}

/** Checks the shape a plugin must have; the messages name what to change. */
export function assertDefinition(value: unknown, kind: PluginKind, source: string): PluginDefinition {
  if (value === null || typeof value !== 'object')
    throw problem(source, `expected an object made by define${kind === 'collector' ? 'Collector' : 'Handler'}(), found ${typeof value}`);
  const def = value as Record<string, unknown>;
  if (def.kind !== kind) throw problem(source, `expected a ${kind} definition, found kind ${JSON.stringify(def.kind)}`);
  if (def.apiVersion !== SDK_API_VERSION) {
    throw new SpinelError(
      'SPINEL_PLUGIN_API_MISMATCH',
      `plugin ${source}: built for plugin API version ${String(def.apiVersion)}, this agent supports version ${SDK_API_VERSION} (@spinel/sdk ${SDK_RANGE}); rebuild the plugin against a @spinel/sdk in that range`,
    );
  }
  if (typeof def.name !== 'string' || def.name === '') throw problem(source, 'expected `name` to be a non-empty string');
  if (def.options === null || typeof def.options !== 'object') throw problem(source, 'expected `options` to be an options schema object');
  for (const [key, spec] of Object.entries(def.options as Record<string, unknown>)) {
    if (spec === null || typeof spec !== 'object' || typeof (spec as { parse?: unknown }).parse !== 'function') {
      throw problem(source, `option \`${key}\`: expected a spec built with option.* from @spinel/sdk`);
    }
  }
  if (kind === 'collector') {
    if (typeof def.path !== 'string') throw problem(source, 'expected `path` to be a string (the default metric path)');
    if (typeof def.collect !== 'function') throw problem(source, 'expected `collect` to be a function');
    if (!Array.isArray(def.catalogue)) throw problem(source, 'expected `catalogue` to be a list of metric specs');
    return def as unknown as CollectorDefinition;
  }
  if (typeof def.create !== 'function') throw problem(source, 'expected `create` to be a function');
  return def as unknown as HandlerDefinition;
}

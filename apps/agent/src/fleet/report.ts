import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { printEffectiveConfig, type EffectiveConfig, type StatusBoard } from '@spinel/core';
import { listAttribute, textAttribute, type AgentConfigMap, type AgentDescription, type ComponentHealth } from '@spinel/opamp';
import { AGENT_DIR } from '../config-source.js';
import { uuidText } from './instance-id.js';

const PLUGIN_PACKAGE = /^@spinel\/(collector|handler)-/;

/** The built-in plugins the agent package ships, as `name@version` (read once: they change only with the agent). */
let builtins: string[] | undefined;
function builtinPlugins(): string[] {
  if (builtins) return builtins;
  const manifest = JSON.parse(readFileSync(path.join(AGENT_DIR, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const require = createRequire(path.join(AGENT_DIR, 'package.json'));
  builtins = Object.keys(manifest.dependencies ?? {})
    .filter((name) => PLUGIN_PACKAGE.test(name))
    .map((name) => {
      try {
        return `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;
      } catch {
        return name;
      }
    });
  return builtins;
}

/** `name@version` of every plugin this agent can run: the built-ins it ships and the others its config loads. */
export function installedPlugins(config: EffectiveConfig): string[] {
  const found = new Set(builtinPlugins());
  for (const entry of [...config.collectors, ...config.handlers]) {
    if (entry.plugin.packageName) found.add(`${entry.plugin.packageName}@${entry.plugin.packageVersion ?? '?'}`);
  }
  return [...found].sort();
}

let cachedOsDescription: string | undefined;
function osDescription(): string {
  if (cachedOsDescription) return cachedOsDescription;
  cachedOsDescription = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) cachedOsDescription = `${pretty} (${cachedOsDescription})`;
  } catch {
    // no os-release: the kernel alone
  }
  return cachedOsDescription;
}

/** OpenTelemetry's host.arch values for Node's process.arch. */
const HOST_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', arm: 'arm32', ia32: 'x86', ppc64: 'ppc64', s390x: 's390x' };

/** What the server is told the agent is: identifying attributes, then where it runs and what it can run. */
export function agentDescription(instanceUid: Uint8Array, version: string, hostname: string | undefined, config: EffectiveConfig): AgentDescription {
  return {
    identifying_attributes: [
      textAttribute('service.name', 'io.spinel.agent'),
      textAttribute('service.version', version),
      textAttribute('service.instance.id', uuidText(instanceUid)),
    ],
    non_identifying_attributes: [
      textAttribute('host.name', hostname ?? os.hostname()),
      textAttribute('os.type', os.platform()),
      textAttribute('os.description', osDescription()),
      textAttribute('host.arch', HOST_ARCH[process.arch] ?? process.arch),
      textAttribute('process.runtime.name', 'nodejs'),
      textAttribute('process.runtime.version', process.versions.node),
      listAttribute('spinel.plugins', installedPlugins(config)),
    ],
  };
}

const NS_PER_MS = 1_000_000;

/**
 * Health from the status board: one component per collector and handler of the running config,
 * unhealthy while its last run or delivery failed, with that error. The times are the start and
 * the last error, not the last run, so the health part changes only when a status does.
 */
export function agentHealth(board: StatusBoard, config: EffectiveConfig, startedAt: number, scrub: (text: string) => string): ComponentHealth {
  const component = (entry: { failing: boolean; lastError?: { message: string; at: number } } | undefined): ComponentHealth =>
    entry?.failing && entry.lastError
      ? {
          healthy: false,
          start_time_unix_nano: startedAt * NS_PER_MS,
          status: 'failing',
          last_error: scrub(entry.lastError.message),
          status_time_unix_nano: entry.lastError.at * NS_PER_MS,
        }
      : { healthy: true, start_time_unix_nano: startedAt * NS_PER_MS, status: 'running' };
  const collectors = Object.fromEntries(config.collectors.map((e) => [e.key, component(board.collectors.get(e.key))]));
  const handlers = Object.fromEntries(config.handlers.map((e) => [e.key, component(board.handlers.get(e.key))]));
  const group = (members: Record<string, ComponentHealth>): ComponentHealth => {
    const failing = Object.values(members).filter((m) => !m.healthy);
    return {
      healthy: failing.length === 0,
      start_time_unix_nano: startedAt * NS_PER_MS,
      status: failing.length === 0 ? 'running' : `${failing.length} of ${Object.keys(members).length} failing`,
      component_health_map: members,
    };
  };
  const parts = { collectors: group(collectors), handlers: group(handlers) };
  const failing = Object.entries(parts).filter(([, p]) => !p.healthy);
  return {
    healthy: failing.length === 0,
    start_time_unix_nano: startedAt * NS_PER_MS,
    status: failing.length === 0 ? 'running' : 'degraded',
    ...(failing.length > 0 ? { last_error: failing.map(([name, p]) => `${name}: ${p.status ?? 'failing'}`).join('; ') } : {}),
    component_health_map: parts,
  };
}

/** The running config as `spinel config print` shows it: defaults merged, secrets redacted. */
export function effectiveConfigMap(config: EffectiveConfig): AgentConfigMap {
  return { config_map: { '': { body: new TextEncoder().encode(printEffectiveConfig(config)), content_type: 'text/yaml' } } };
}

// What the agent hands a plugin thread: its supervisor options and the specs of its plugins.
import type { Logger } from '@spinel/sdk';
import type { CollectorInstanceSpec, HandlerInstanceSpec } from '../channel/messages.js';
import { collectorSettings } from '../collect/settings.js';
import type { CollectorCommon, EffectiveConfig, HandlerCommon, PluginEntry } from '../config/resolve.js';
import { collectorCatalogues } from '../handle/catalogues.js';
import type { HostRoots } from '../support/host-paths.js';
import type { LogLevel } from '../support/logger.js';
import type { SupervisorOptions } from '../threads/supervisor.js';

interface ThreadContext {
  config: EffectiveConfig;
  hostRoots: HostRoots;
  hostname: string | undefined;
  log: Logger;
  secrets: readonly string[];
  /** The memory growth watch's wake-up (see GrowthWatch). */
  onBusy?: () => void;
}

export function threadOptions(
  context: ThreadContext,
  group: string,
  entry: URL,
  entries: ReadonlyArray<{ common: { max_heap_mb: number; max_external_mb: number; max_descriptors: number } }>,
): SupervisorOptions {
  const { config, hostRoots, hostname, log, secrets, onBusy } = context;
  return {
    group,
    entry,
    maxHeapMb: Math.max(...entries.map((e) => e.common.max_heap_mb)),
    maxExternalMb: Math.max(...entries.map((e) => e.common.max_external_mb)),
    maxDescriptors: Math.max(...entries.map((e) => e.common.max_descriptors)),
    logLevel: config.agent.log_level as LogLevel,
    hostRoots,
    hostname,
    log,
    secrets,
    onBusy,
  };
}

export function collectorSpecs(
  context: Pick<ThreadContext, 'config' | 'hostname'>,
  entries: ReadonlyArray<PluginEntry<CollectorCommon>>,
): CollectorInstanceSpec[] {
  return entries.map((e) => ({
    key: e.key,
    url: e.plugin.url,
    source: e.plugin.specifier,
    options: e.options,
    settings: collectorSettings(e, context.config.agent, context.hostname),
  }));
}

/** Every handler sees every configured collector's catalogue (built once per call). */
export function handlerSpecs(config: EffectiveConfig, entries: ReadonlyArray<PluginEntry<HandlerCommon>>): HandlerInstanceSpec[] {
  const catalogues = collectorCatalogues(config);
  return entries.map((e) => ({ key: e.key, url: e.plugin.url, source: e.plugin.specifier, options: e.options, catalogues }));
}

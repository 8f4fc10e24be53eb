import type { CollectorCommon, PluginEntry } from './resolve.js';

/** A collector entry's path segment (Diamond's `path`): the config's, else the plugin's default, else the entry's key. */
export function collectorPath(entry: PluginEntry<CollectorCommon>): string {
  return entry.common.path ?? entry.description.path ?? entry.key;
}

import type { PluginEntry } from './resolve.js';

/** What a reload does to one section's entries, by key. */
export interface EntryDiff {
  unchanged: string[];
  /** Same key, other plugin, options, common keys or worker: restarted with the new ones. */
  changed: string[];
  added: string[];
  removed: string[];
}

function signature(entry: PluginEntry<unknown>, context: unknown): string {
  return JSON.stringify({ plugin: entry.plugin.url, options: entry.options, common: entry.common, worker: entry.worker, context });
}

/**
 * Compares a section of two configs. `context` is what every entry of the section also depends
 * on (the agent settings a collector's paths come from): when it differs, every entry changed.
 */
export function diffEntries(
  before: ReadonlyArray<PluginEntry<unknown>>,
  after: ReadonlyArray<PluginEntry<unknown>>,
  context: [unknown, unknown] = [undefined, undefined],
): EntryDiff {
  const old = new Map(before.map((e) => [e.key, signature(e, context[0])]));
  const diff: EntryDiff = { unchanged: [], changed: [], added: [], removed: [] };
  for (const entry of after) {
    const was = old.get(entry.key);
    if (was === undefined) diff.added.push(entry.key);
    else if (was === signature(entry, context[1])) diff.unchanged.push(entry.key);
    else diff.changed.push(entry.key);
  }
  const keys = new Set(after.map((e) => e.key));
  for (const entry of before) if (!keys.has(entry.key)) diff.removed.push(entry.key);
  return diff;
}

/** One line for the log and the status page: `collectors: 1 changed (cpu), 1 added (redis); handlers: unchanged`. */
export function describeDiff(collectors: EntryDiff, handlers: EntryDiff): string {
  const part = (name: string, d: EntryDiff): string => {
    const moves = (['changed', 'added', 'removed'] as const).filter((k) => d[k].length > 0).map((k) => `${d[k].length} ${k} (${d[k].join(', ')})`);
    return `${name}: ${moves.length > 0 ? moves.join(', ') : 'unchanged'}`;
  };
  return `${part('collectors', collectors)}; ${part('handlers', handlers)}`;
}

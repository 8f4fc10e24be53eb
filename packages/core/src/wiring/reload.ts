// A config reload on a running agent: what changed is restarted, what did not keeps running.
import { describeDiff, diffEntries } from '../config/diff.js';
import type { EffectiveConfig } from '../config/resolve.js';
import { groupByWorker } from '../config/worker-groups.js';
import { withTimeout } from '../support/timeout.js';
import type { CollectorGroup } from '../collect/collector-group.js';
import type { PluginThreads } from './plugin-threads.js';

/** How long a changed or removed handler's queue may take to drain before the rest is spooled or counted dropped. */
const HANDLER_DRAIN_MS = 5_000;

async function drainQueue(threads: PluginThreads, key: string): Promise<void> {
  const queue = threads.fanOut.queue(key);
  if (!queue) return;
  threads.fanOut.detach(key);
  // Past the deadline, stop() spools what is left or counts it dropped.
  await withTimeout(queue.drain(), HANDLER_DRAIN_MS, `draining handler ${key}`).catch(() => undefined);
  queue.stop();
}

/**
 * Applies `next` to a running agent and says what it did. Handlers go first so that collectors
 * started by the reload have somewhere to send. A changed or removed handler's queue is drained
 * to the old instance (what is left goes to its spool, or is counted dropped), then the new
 * instance gets a fresh queue, which replays that spool; what collectors publish meanwhile is
 * held by the fan-out and handed to the new queue. Unchanged entries are not touched.
 */
export async function applyReload(threads: PluginThreads, next: EffectiveConfig): Promise<string> {
  const before = threads.config;
  const handlers = diffEntries(before.handlers, next.handlers);
  const collectors = diffEntries(before.collectors, next.collectors, [before.agent, next.agent]);
  threads.setConfig(next);

  for (const key of handlers.changed) threads.fanOut.hold(key);
  await Promise.all([...handlers.changed, ...handlers.removed].map((key) => drainQueue(threads, key)));
  const nextHandlerGroups = groupByWorker(next.handlers);
  for (const group of [...threads.handlerGroups]) {
    const entries = nextHandlerGroups.get(group.name);
    nextHandlerGroups.delete(group.name);
    if (!entries) {
      await group.closeAll(HANDLER_DRAIN_MS);
      threads.handlerGroups.splice(threads.handlerGroups.indexOf(group), 1);
      continue;
    }
    await group.update(threads.handlerSpecs(entries), new Set(handlers.changed), new Map(entries.map((e) => [e.key, e.common.process_timeout * 1000])));
  }
  for (const [name, entries] of nextHandlerGroups) threads.startHandlerGroup(name, entries);
  // Changed and added handlers of groups that were updated, not started, need their queues.
  for (const entry of next.handlers) {
    if (threads.fanOut.queue(entry.key)) continue;
    const group = threads.handlerGroups.find((g) => g.specs.some((s) => s.key === entry.key));
    if (group) threads.attachQueue(entry, group);
  }
  for (const key of handlers.changed) threads.fanOut.release(key);

  for (const key of [...collectors.changed, ...collectors.removed]) threads.scheduler.remove(key);
  const nextCollectorGroups = groupByWorker(next.collectors);
  const started: CollectorGroup[] = [];
  for (const group of [...threads.collectorGroups]) {
    const entries = nextCollectorGroups.get(group.name);
    nextCollectorGroups.delete(group.name);
    if (!entries) {
      await group.stopAll(2_000);
      threads.collectorGroups.splice(threads.collectorGroups.indexOf(group), 1);
      continue;
    }
    await group.update(threads.collectorSpecs(entries), new Set(collectors.changed));
  }
  for (const [name, entries] of nextCollectorGroups) started.push(threads.startCollectorGroup(name, entries));
  await Promise.all(started.map((g) => g.started()));
  for (const key of [...collectors.changed, ...collectors.added]) {
    const group = threads.collectorGroups.find((g) => g.specs.some((s) => s.key === key));
    const spec = group?.specs.find((s) => s.key === key);
    const entry = next.collectors.find((e) => e.key === key);
    if (group && spec && entry) threads.schedule(group, spec.settings, entry.common.splay);
  }
  for (const key of collectors.removed) {
    threads.telemetry.collectors.delete(key);
    threads.board.collectors.delete(key);
  }
  for (const key of handlers.removed) {
    threads.telemetry.handlers.delete(key);
    threads.board.handlers.delete(key);
  }
  const atRestart = [
    ...Object.keys(next.agent)
      .filter(
        (k) =>
          !APPLIED_AGENT_KEYS.has(k) &&
          JSON.stringify(before.agent[k as keyof typeof before.agent]) !== JSON.stringify(next.agent[k as keyof typeof next.agent]),
      )
      .map((k) => `agent.${k}`),
    ...(JSON.stringify(before.status) !== JSON.stringify(next.status) ? ['agent.status'] : []),
    ...(JSON.stringify(before.opamp) !== JSON.stringify(next.opamp) ? ['agent.opamp'] : []),
  ];
  return `${describeDiff(collectors, handlers)}${atRestart.length > 0 ? `; ${atRestart.join(', ')} take effect at the next start` : ''}`;
}

/** Agent settings a reload applies (through the collectors it restarts); the others wait for a restart. */
const APPLIED_AGENT_KEYS = new Set(['path_prefix', 'path_suffix']);

import { defineCollector, readOptionalFile } from '@spinel/sdk';
import { compileGroup, listPids, matches, readIdentity, runMatchContext, type Group } from '@spinel/collector-processresources';
import { catalogue, checks } from './catalogue.js';
import { options } from './options.js';

/** States psutil reads as STATUS_STOPPED and STATUS_DEAD, the two the fork did not count as up. */
const DOWN_STATES = new Set(['T', 'X', 'x']);

export default defineCollector({
  name: 'processcheck',
  description:
    "Check-ins for the process groups that have a live process, from /proc: Metricly raises an alarm when a service's processes are gone (the Metricly agent's ProcessCheckCollector). Publishes no metrics.",
  path: 'process',
  options,
  catalogue,
  checks,
  defaultWorker: 'system',
  setup(ctx): Group[] {
    return Object.entries(ctx.options.process).map(([name, rules]) => compileGroup(name, rules));
  },
  async collect(ctx, groups) {
    if (groups.length === 0) return;
    const match = await runMatchContext(groups, () => readOptionalFile(ctx.etcfs('passwd'), ctx.signal));
    const waiting = new Set(groups);
    for (const pid of listPids(ctx.procfs)) {
      if (waiting.size === 0) break;
      ctx.signal.throwIfAborted();
      const identity = readIdentity(ctx.procfs, pid);
      if (!identity || DOWN_STATES.has(identity.stat[0] ?? '')) continue;
      for (const group of waiting) if (matches(group, identity, match)) waiting.delete(group);
    }
    for (const group of groups) if (!waiting.has(group)) ctx.check(group.name, ctx.options.ttl);
  },
});

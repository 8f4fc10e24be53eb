import { defineCollector, SpinelError } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { catalogue } from './catalogue.js';
import { EVENT_STATUSES, FIGURES, toSeconds } from './figures.js';
import { options } from './options.js';

/** The fork's query: the status of every resource event in each node's latest report. */
const EVENTS = `/pdb/query/v4/events?query=${encodeURIComponent(JSON.stringify(['extract', ['status', 'certname'], ['=', 'latest_report?', true]]))}`;

/** `a.b` inside a bean's attributes. */
function attributeOf(bean: Record<string, unknown>, path: string): unknown {
  let value: unknown = bean;
  for (const step of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[step] : undefined;
  return value;
}

export default defineCollector({
  name: 'puppetdb',
  description:
    "PuppetDB's command queue, storage, population, HTTP timings and the latest reports' event counts from its metrics and query APIs (the Metricly agent's PuppetDBCollector, PuppetDB 4 and later).",
  path: 'PuppetDB',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HttpSource {
    const o = ctx.options;
    return new HttpSource({
      url: `http://${o.host}:${o.port}`,
      timeoutMs: o.request_timeout * 1000,
      headers: { accept: 'application/json' },
      maxBytes: Math.round(o.max_response_mb * 1048576),
    });
  },
  teardown(source) {
    return source.close();
  },
  async collect(ctx, source) {
    const failures: string[] = [];
    // One bulk read of every bean (a name to name map: PuppetDB answers each name with its bean, or
    // null for one it has not made yet, such as an HTTP timer before the first request).
    const names = [...new Set(FIGURES.map((f) => f.bean))];
    let beans: Record<string, unknown> = {};
    try {
      beans = await source.postJsonObject('/metrics/v1/mbeans', Object.fromEntries(names.map((name) => [name, name])), ctx.signal);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      failures.push(error instanceof Error ? error.message : String(error));
    }
    for (const figure of FIGURES) {
      const found = beans[figure.bean];
      const bean = typeof found === 'object' && found !== null ? (found as Record<string, unknown>) : {};
      const raw = attributeOf(bean, figure.attribute);
      const unit = bean.DurationUnit;
      const value = typeof raw !== 'number' ? undefined : figure.kind === 'seconds' ? toSeconds(raw, unit) : raw;
      if (value === undefined) continue;
      if (figure.kind === 'rate') ctx.publishRate(figure.name, value);
      else ctx.publish(figure.name, value, { type: figure.kind === 'total' ? 'counter' : 'gauge', precision: Number.isInteger(value) ? 0 : 6 });
    }
    try {
      const events = await source.getJson(EVENTS, ctx.signal);
      const counts = new Map(Object.values(EVENT_STATUSES).map((name) => [name, 0]));
      for (const event of Array.isArray(events) ? events : []) {
        const name = EVENT_STATUSES[(event as { status?: string }).status ?? ''];
        if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      for (const [name, count] of counts) ctx.publish(`nodes.status.${name}`, count);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      failures.push(error instanceof Error ? error.message : String(error));
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

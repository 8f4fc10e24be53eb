import { defineCollector, SpinelError, type CollectContext } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { catalogue } from './catalogue.js';
import { statusesOf, trimmedName, worstStatus, type Status } from './health.js';
import { options } from './options.js';

type Ctx = CollectContext<typeof options>;

interface Consul {
  source: HttpSource;
  /** Health requests left in this run. */
  budget: number;
}

async function health(ctx: Ctx, consul: Consul, path: string): Promise<unknown> {
  if (--consul.budget < 0)
    throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `the catalog needs more than max_requests (${ctx.options.max_requests}) health requests`);
  return consul.source.getJson(path, ctx.signal);
}

/** The fork's collect_node_metrics: nodes, and how many are up, critical, passing and warning. */
async function nodeFigures(ctx: Ctx, consul: Consul): Promise<void> {
  const nodes = await consul.source.getJson('/v1/catalog/nodes', ctx.signal);
  const names = (Array.isArray(nodes) ? nodes : []).map((node) => String((node as { Node?: unknown }).Node ?? ''));
  const worst: Status[] = [];
  for (const name of names) {
    const checks = statusesOf(await health(ctx, consul, `/v1/health/node/${encodeURIComponent(name)}`));
    if (checks.length > 0) worst.push(worstStatus(checks));
  }
  ctx.publish('catalog.total_nodes', names.length);
  ctx.publish('catalog.nodes_up', worst.length);
  ctx.publish('catalog.nodes_critical', worst.filter((s) => s === 'critical').length);
  ctx.publish('catalog.passing', worst.filter((s) => s === 'passing').length);
  ctx.publish('catalog.warning', worst.filter((s) => s === 'warning').length);
}

/** The fork's collect_service_metrics: each service's worst status over the nodes that run it. */
async function serviceFigures(ctx: Ctx, consul: Consul): Promise<void> {
  const services = await consul.source.getJsonObject('/v1/catalog/services', ctx.signal);
  const counts: Record<'up' | Status, number> = { up: 0, passing: 0, warning: 0, critical: 0 };
  for (const service of Object.keys(services)) {
    const entries = await health(ctx, consul, `/v1/health/service/${encodeURIComponent(service)}`);
    const perNode = (Array.isArray(entries) ? entries : []).map((entry) => worstStatus(statusesOf((entry as { Checks?: unknown }).Checks)));
    counts.up++;
    counts[worstStatus(perNode)]++;
  }
  for (const [key, count] of Object.entries(counts)) ctx.publish(`service.services_${key}`, count);
}

/** The fork's collect_agent_metrics: gauges, counters' counts and samples' means; the last of a name wins. */
async function agentFigures(ctx: Ctx, consul: Consul): Promise<void> {
  const metrics = await consul.source.getJsonObject('/v1/agent/metrics', ctx.signal);
  const figures = new Map<string, number>();
  const take = (list: unknown, field: string, prefix = ''): void => {
    for (const item of Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []) {
      const value = item[field];
      if (typeof item.Name === 'string' && typeof value === 'number' && Number.isFinite(value)) figures.set(prefix + trimmedName(item.Name), value);
    }
  };
  take(metrics.Gauges, 'Value');
  take(metrics.Counters, 'Count', 'counter.');
  take(metrics.Samples, 'Mean');
  for (const [name, value] of figures) ctx.publish(name, value, { precision: Number.isInteger(value) ? 0 : 6 });
}

export default defineCollector({
  name: 'consul',
  description: "Consul's nodes and services by health, and its agent's own metrics, from its HTTP API (the Metricly agent's ConsulCollector names).",
  path: 'consul',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HttpSource {
    const o = ctx.options;
    return new HttpSource({
      url: o.url,
      timeoutMs: o.request_timeout * 1000,
      headers: { accept: 'application/json', ...(o.token ? { 'x-consul-token': o.token } : {}) },
      secrets: [o.token],
      maxBytes: Math.round(o.max_response_mb * 1048576),
    });
  },
  teardown(source) {
    return source.close();
  },
  // As the fork: the three parts one after the other, a part that fails named and the others read.
  async collect(ctx, source) {
    const consul: Consul = { source, budget: ctx.options.max_requests };
    const failures: string[] = [];
    for (const part of [nodeFigures, serviceFigures, agentFigures]) {
      try {
        await part(ctx, consul);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

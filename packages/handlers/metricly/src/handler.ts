import { readFileSync } from 'node:fs';
import { ElementBatch, MetriclyClient, type ElementIdentity, type MetriclyElement, type NameValue } from '@spinel/metricly-client';
import { defineHandler, type Sample } from '@spinel/sdk';
import { dockerAttributes, systemAttributes } from './metadata.js';
import { options } from './options.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** `env:prod` → `{name: 'env', value: 'prod'}`; a tag without a colon gets an empty value. */
export function parseTags(tags: readonly string[]): NameValue[] {
  return tags.map((tag) => {
    const at = tag.indexOf(':');
    return at < 0 ? { name: tag.trim(), value: '' } : { name: tag.slice(0, at).trim(), value: tag.slice(at + 1).trim() };
  });
}

/** Diamond's metric id: collector path plus metric path, without prefix and host. */
export function metricIdOf(sample: Sample): string {
  return `${sample.collectorPath}.${sample.name}`;
}

/** One element per host in the batch, each with only this batch's metrics and samples. */
export function buildElements(batch: readonly Sample[], identityOf: (host: string) => ElementIdentity, fallbackHost: string): MetriclyElement[] {
  const byHost = new Map<string, ElementBatch>();
  for (const sample of batch) {
    const host = sample.host ?? fallbackHost;
    let element = byHost.get(host);
    if (!element) byHost.set(host, (element = new ElementBatch(identityOf(host))));
    element.add(metricIdOf(sample), sample.timestamp, sample.value, sample.type === 'counter' ? 'COUNTER' : 'GAUGE');
  }
  return [...byHost.values()].map((e) => e.toJSON());
}

export default defineHandler({
  name: 'metricly',
  description: "Ships samples to Metricly (formerly Netuitive): Diamond's NetuitiveHandler, without its per-metric memory.",
  options,
  // Its own worker: it loads undici and systeminformation, and an HTTP backend is where hangs come from.
  defaultWorker: 'own',
  async create(ctx) {
    const o = ctx.options;
    const agent = `spinel_${VERSION}`;
    const client = new MetriclyClient({ url: o.url, apiKey: o.api_key, agent, timeoutMs: o.timeout * 1000 });
    const attributes = o.metadata ? await systemAttributes(agent) : [{ name: 'agent', value: agent }];
    if (o.metadata && o.docker_metadata) attributes.push(...(await dockerAttributes()));
    const tags = parseTags(o.tags);
    const fallbackHost = o.element_id ?? ctx.hostname ?? 'localhost';
    const identityOf = (host: string): ElementIdentity => {
      const id = o.element_id ?? host;
      return { id, name: id, type: o.element_type, location: o.location, attributes, tags, relations: o.relations };
    };
    if (o.startup_event) {
      await client
        .postEvents([
          {
            source: 'spinel',
            type: 'INFO',
            title: 'Spinel agent started',
            timestamp: Math.round(ctx.now() * 1000),
            data: { elementId: fallbackHost, level: 'INFO', message: `${agent} started on ${fallbackHost}` },
          },
        ])
        .catch((error: unknown) => ctx.log.warn(`metricly: startup event not delivered: ${error instanceof Error ? error.message : String(error)}`));
    }
    let lastCheckIn = Number.NEGATIVE_INFINITY;
    return {
      async process(batch) {
        await client.postElements(buildElements(batch, identityOf, fallbackHost));
        if (o.check_in && ctx.now() - lastCheckIn >= o.check_in_ttl / 2) {
          lastCheckIn = ctx.now();
          await client
            .checkIn(o.check_in_name, fallbackHost, o.check_in_ttl)
            .catch((error: unknown) => ctx.log.warn(`metricly: check-in failed: ${error instanceof Error ? error.message : String(error)}`));
        }
      },
      // A check-in that fails is told, not retried: the batch's samples went out, and a late
      // check-in is worth nothing (the next run makes a new one within the ttl).
      async check(checks) {
        for (const check of checks) {
          await client
            .checkIn(check.name, identityOf(check.host ?? fallbackHost).id, check.ttl)
            .catch((error: unknown) => ctx.log.warn(`metricly: check-in ${check.name} failed: ${error instanceof Error ? error.message : String(error)}`));
        }
      },
      close: () => client.close(),
    };
  },
});

import { defineCollector, type CollectContext } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { catalogue, JSZ_GAUGES, JSZ_RATES, VARZ_GAUGES, VARZ_RATES } from './catalogue.js';
import { options } from './options.js';

type Ctx = CollectContext<typeof options>;

/** A number at a dotted path of a JSON document (`api.total`), if there is one. */
function at(document: unknown, path: string): number | undefined {
  let node = document;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' && Number.isFinite(node) ? node : undefined;
}

function publish(
  ctx: Ctx,
  document: unknown,
  prefix: string,
  gauges: ReadonlyArray<readonly [string, ...string[]]>,
  rates: ReadonlyArray<readonly [string, ...string[]]>,
): void {
  for (const [name] of gauges) {
    const value = at(document, name);
    if (value !== undefined) ctx.publish(`${prefix}${name}`, value, { precision: Number.isInteger(value) ? 0 : 2 });
  }
  for (const [name] of rates) {
    const value = at(document, name);
    if (value !== undefined) ctx.publishRate(`${prefix}${name}`, value);
  }
}

export default defineCollector({
  name: 'nats',
  description: 'NATS server connections, messages and bytes (/varz), connection totals (/connz) and JetStream usage (/jsz), from its monitoring port.',
  path: 'nats',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HttpSource {
    return new HttpSource({ url: ctx.options.url, timeoutMs: ctx.options.request_timeout * 1000, maxBytes: ctx.options.max_response_mb * 1048576 });
  },
  teardown(source) {
    return source.close();
  },
  async collect(ctx, source) {
    const varz = await source.getJsonObject('/varz', ctx.signal);
    publish(ctx, varz, '', VARZ_GAUGES, VARZ_RATES);
    const started = Date.parse(String(varz.start));
    const now = Date.parse(String(varz.now));
    if (Number.isFinite(started) && Number.isFinite(now)) ctx.publish('uptime', Math.round((now - started) / 1000));
    const total = at(await source.getJson('/connz?limit=1', ctx.signal), 'total');
    if (total !== undefined) ctx.publish('connz.total', total);
    if (ctx.options.jetstream) {
      const jsz = await source.getJsonObject('/jsz', ctx.signal);
      if (jsz.disabled !== true) publish(ctx, jsz, 'jetstream.', JSZ_GAUGES, JSZ_RATES);
    }
  },
});

import { defineCollector, SpinelError } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { catalogue } from './catalogue.js';
import { figureType, jvmFigures, mbeanFigures, pingFigures, type Figures } from './figures.js';
import { options } from './options.js';

/** `/solr/<core>/admin/...`; Solr's default core is named "" and has no segment (Diamond's normpath). */
const adminPath = (core: string, rest: string): string => `/solr${core ? `/${encodeURIComponent(core)}` : ''}/admin/${rest}`;

export default defineCollector({
  name: 'solr',
  description: "Apache Solr's core, query, update, cache and JVM figures from its admin API (Diamond SolrCollector's names).",
  path: 'solr',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HttpSource {
    const o = ctx.options;
    return new HttpSource({
      url: `http://${o.host.replace(/\/+$/, '')}:${o.port}`,
      timeoutMs: o.request_timeout * 1000,
      headers: { accept: 'application/json' },
      maxBytes: Math.round(o.max_response_mb * 1048576),
    });
  },
  teardown(source) {
    return source.close();
  },
  async collect(ctx, source) {
    const o = ctx.options;
    const wanted = new Set<string>(o.stats);
    const cores =
      o.core !== undefined ? [o.core] : Object.keys((await source.getJsonObject('/solr/admin/cores?action=STATUS&wt=json', ctx.signal)).status ?? {});
    const failures: string[] = [];
    for (const core of cores) {
      const figures: Figures = new Map();
      try {
        if (wanted.has('response')) pingFigures(await source.getJsonObject(adminPath(core, 'ping?wt=json'), ctx.signal), figures);
        if (['core', 'query', 'update', 'cache'].some((s) => wanted.has(s)))
          mbeanFigures(await source.getJsonObject(adminPath(core, 'mbeans?stats=true&wt=json'), ctx.signal), wanted, figures);
        if (wanted.has('jvm')) jvmFigures(await source.getJsonObject(adminPath(core, 'system?stats=true&wt=json'), ctx.signal), figures);
      } catch (error) {
        // As Diamond: a core that does not answer is passed over, and the others are read.
        failures.push(error instanceof Error ? error.message : String(error));
        continue;
      }
      for (const [name, value] of figures)
        ctx.publish(core ? `${core}.${name}` : name, value, { type: figureType(name), precision: Number.isInteger(value) ? 0 : 8 });
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

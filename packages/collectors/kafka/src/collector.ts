import { defineCollector, SpinelError } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { catalogue } from './catalogue.js';
import { attributeValue, mbeanPrefix } from './mx4j.js';
import { options } from './options.js';
import { xmlElements } from './xml.js';

/** Read besides `query_paths`, as Diamond did. */
const ALWAYS = ['java.lang:type=GarbageCollector,name=*', 'java.lang:type=Threading'];

/** Python 2's urlencode of one value (quote_plus). */
const form = (text: string): string =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');

export default defineCollector({
  name: 'kafka',
  description: "Kafka broker and JVM MBean attributes through MX4J's HTTP adaptor (Diamond KafkaCollector's names).",
  path: 'kafka',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HttpSource {
    const o = ctx.options;
    return new HttpSource({
      url: `http://${o.host}:${o.port}`,
      timeoutMs: o.request_timeout * 1000,
      headers: { accept: 'text/xml' },
      maxBytes: Math.round(o.max_response_mb * 1048576),
    });
  },
  teardown(source) {
    return source.close();
  },
  async collect(ctx, source) {
    const xml = async (path: string) => xmlElements((await source.get(path, ctx.signal)).body, source.describe(path));
    const mbeans = new Set<string>();
    for (const pattern of [...ctx.options.query_paths, ...ALWAYS]) {
      for (const element of await xml(`/serverbydomain?querynames=${form(pattern)}&template=identity`)) {
        const name = element.name === 'MBean' ? element.attributes.objectname : undefined;
        if (name) mbeans.add(name);
      }
    }
    if (mbeans.size > ctx.options.max_mbeans)
      throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${mbeans.size} MBeans match, past max_mbeans (${ctx.options.max_mbeans}); narrow query_paths`);
    // Later MBeans overwrite a name an earlier one gave, as Diamond's dict update did.
    const figures = new Map<string, number>();
    for (const mbean of mbeans) {
      const prefix = mbeanPrefix(mbean);
      for (const element of await xml(`/mbean?objectname=${form(mbean)}&operations=False&constructors=False&notifications=False&template=identity`)) {
        const value = element.name === 'Attribute' ? attributeValue(element.attributes.type, element.attributes.value) : undefined;
        if (value !== undefined) figures.set(`${prefix}.${element.attributes.name ?? ''}`.replaceAll(' ', ''), value);
      }
    }
    for (const [name, value] of figures) ctx.publish(name, value, { precision: Number.isInteger(value) ? 0 : 6 });
  },
});

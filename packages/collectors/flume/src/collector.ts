import { defineCollector } from '@spinel/sdk';
import { HttpSource, originOf } from '@spinel/http';
import { catalogue } from './catalogue.js';
import { flumeFigures } from './components.js';
import { options } from './options.js';

export default defineCollector({
  name: 'flume',
  description: "Apache Flume's channel, sink and source counters from its HTTP metrics (Diamond FlumeCollector's names; counts as rates).",
  path: 'flume',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HttpSource {
    const o = ctx.options;
    return new HttpSource({
      url: originOf(o.req_host, o.req_port),
      timeoutMs: o.request_timeout * 1000,
      headers: { accept: 'application/json' },
      maxBytes: Math.round(o.max_response_mb * 1048576),
    });
  },
  teardown(source) {
    return source.close();
  },
  async collect(ctx, source) {
    for (const figure of flumeFigures(await source.getJsonObject(ctx.options.req_path, ctx.signal))) {
      if (figure.counter) ctx.publishRate(figure.name, figure.value);
      else ctx.publish(figure.name, figure.value, { precision: 2 });
    }
  },
});

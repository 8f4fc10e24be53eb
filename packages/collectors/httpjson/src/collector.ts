import { defineCollector } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { catalogue } from './catalogue.js';
import { jsonLeaves } from '@spinel/plugin-kit';
import { options } from './options.js';

export interface HttpJsonResources {
  source: HttpSource;
  /** Whether the document has been said to exceed max_values (said once, not every run). */
  warnedTooMany: boolean;
}

export default defineCollector({
  name: 'httpjson',
  description: "Every numeric value of a JSON document fetched over HTTP, under its keys' path (Diamond HTTPJSONCollector).",
  path: 'httpjson',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): HttpJsonResources {
    const o = ctx.options;
    const source = new HttpSource({
      url: o.url,
      timeoutMs: o.request_timeout * 1000,
      headers: { accept: 'application/json', ...o.headers },
      secrets: Object.values(o.headers),
      maxBytes: o.max_response_mb * 1048576,
    });
    return { source, warnedTooMany: false };
  },
  teardown({ source }) {
    return source.close();
  },
  async collect(ctx, resources) {
    const { source } = resources;
    // Diamond's int() test: whole-number text counts; lists are walked by index.
    const document = await source.getJson('', ctx.signal);
    const { leaves, dropped } = jsonLeaves(document, { lists: true, wholeNumberText: true, limit: ctx.options.max_values });
    for (const { name, value } of leaves) ctx.publish(name, value, { precision: Number.isInteger(value) ? 0 : 6 });
    if (dropped > 0 && !resources.warnedTooMany) {
      resources.warnedTooMany = true;
      ctx.log.warn(
        `${source.describe()} answered ${leaves.length + dropped} values; publishing the first ${ctx.options.max_values} (max_values) and dropping the rest`,
      );
    }
  },
});

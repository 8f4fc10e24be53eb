import { defineCollector, redactUrl, SpinelError, type OptionIssue } from '@spinel/sdk';
import { isHttpUrl, requestHeaders, urlDispatcher, urlFailure } from '@spinel/http';
import { request, type Dispatcher } from 'undici';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { httpMetricName } from './url-name.js';

/** Reads a body to its end, counting bytes; past `maxBytes` it stops and says so. */
async function bodySize(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<number> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new Error(`the page is larger than max_response_mb (${maxBytes} bytes; reading stopped there)`);
    }
  }
  return size;
}

// The page is read to its end (its size is a metric) up to a cap, never held.
export default defineCollector({
  name: 'http',
  description: "Time to fetch each URL's page and its size (Diamond HttpCollector's names).",
  path: 'http',
  options,
  catalogue,
  defaultWorker: 'own',
  validate(o): OptionIssue[] {
    return o.req_url.flatMap((url, i) => (isHttpUrl(url) ? [] : [{ key: `req_url.${i}`, expected: 'an http or https URL', found: url }]));
  },
  setup(ctx): Dispatcher {
    return urlDispatcher({ timeoutMs: ctx.options.request_timeout * 1000, maxRedirects: ctx.options.max_redirects });
  },
  async teardown(dispatcher) {
    await dispatcher.close();
  },
  async collect(ctx, dispatcher) {
    const o = ctx.options;
    const headers = requestHeaders({ 'user-agent': 'Spinel http collector' }, o.headers);
    if (o.req_vhost !== '') headers.host = o.req_vhost;
    const maxBytes = Math.round(o.max_response_mb * 1048576);
    const failures: string[] = [];
    // One URL after another, as Diamond: each time is its own page's, not shared with the others'.
    for (const url of o.req_url) {
      try {
        const started = performance.now();
        const response = await request(url, { dispatcher, headers, signal: ctx.signal });
        // urllib2 raised on any answer but 2xx, and Diamond published nothing for that URL.
        if (response.statusCode < 200 || response.statusCode >= 300) {
          await response.body.dump({ limit: 64 * 1024 });
          failures.push(`GET ${redactUrl(url)} answered HTTP ${response.statusCode}`);
          continue;
        }
        const size = await bodySize(response.body, maxBytes);
        const micros = Math.round((performance.now() - started) * 1000);
        const name = httpMetricName(url);
        ctx.publish(`${name}.time`, micros);
        ctx.publish(`${name}.size`, size);
      } catch (error) {
        failures.push(urlFailure(url, error, ctx.signal));
      }
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

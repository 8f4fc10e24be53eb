import { defineCollector, redactUrl, SpinelError, type OptionIssue } from '@spinel/sdk';
import { isHttpUrl, networkFailure } from '@spinel/http';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
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

// undici's request with its redirect interceptor, as in httpcode: one Agent for every URL,
// bounded connect, header and body time; the page is read to its end (its size is a metric) up to
// a cap, never held.
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
    const timeout = ctx.options.request_timeout * 1000;
    const agent = new Agent({ connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout, keepAliveTimeout: 30_000 });
    return ctx.options.max_redirects > 0 ? agent.compose(interceptors.redirect({ maxRedirections: ctx.options.max_redirects })) : agent;
  },
  async teardown(dispatcher) {
    await dispatcher.close();
  },
  async collect(ctx, dispatcher) {
    const o = ctx.options;
    // Header names are case-blind: a configured `User-Agent` replaces the default, not joins it.
    const headers: Record<string, string> = { 'user-agent': 'Spinel http collector', ...Object.fromEntries(Object.entries(o.headers).map(([key, value]) => [key.toLowerCase(), value])) };
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
        failures.push(`GET ${redactUrl(url)} failed: ${ctx.signal.aborted ? 'no answer before the run deadline' : networkFailure(error)}`);
      }
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

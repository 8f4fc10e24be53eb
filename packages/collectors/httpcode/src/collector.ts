import { defineCollector, redactUrl, SpinelError, type OptionIssue } from '@spinel/sdk';
import { isHttpUrl, networkFailure } from '@spinel/http';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { urlMetricName } from './url-name.js';

/** Body bytes read of an answer before it is dropped: the code is all that is wanted. */
const BODY_DRAIN_BYTES = 64 * 1024;

// undici's request with its redirect interceptor: one Agent for every URL (its pools keep
// connections alive per origin), bounded connect, header and body time, redirects counted.
export default defineCollector({
  name: 'httpcode',
  description: "The HTTP status code each URL answers (the Metricly agent's HttpCodeCollector names under `http`).",
  path: 'http',
  options,
  catalogue,
  defaultWorker: 'own',
  validate(o): OptionIssue[] {
    const issues: OptionIssue[] = [];
    o.req_url.forEach((url, i) => {
      if (!isHttpUrl(url)) issues.push({ key: `req_url.${i}`, expected: 'an http or https URL', found: url });
      else if (urlMetricName(url) === '') issues.push({ key: `req_url.${i}`, expected: 'a URL with a host (its name is the metric path)', found: url });
    });
    return issues;
  },
  setup(ctx): Dispatcher {
    const timeout = ctx.options.request_timeout * 1000;
    const agent = new Agent({ connect: { timeout, rejectUnauthorized: ctx.options.verify_tls }, headersTimeout: timeout, bodyTimeout: timeout, keepAliveTimeout: 30_000 });
    return ctx.options.max_redirects > 0 ? agent.compose(interceptors.redirect({ maxRedirections: ctx.options.max_redirects })) : agent;
  },
  async teardown(dispatcher) {
    await dispatcher.close();
  },
  async collect(ctx, dispatcher) {
    // Header names are case-blind: the configured `User-Agent` replaces the default, not joins it.
    const headers = { 'user-agent': 'Spinel httpcode collector', ...Object.fromEntries(Object.entries(ctx.options.headers).map(([key, value]) => [key.toLowerCase(), value])) };
    const failures: string[] = [];
    await Promise.all(
      ctx.options.req_url.map(async (url) => {
        try {
          const response = await request(url, { dispatcher, headers, signal: ctx.signal });
          await response.body.dump({ limit: BODY_DRAIN_BYTES });
          const name = urlMetricName(url);
          ctx.publish(`${name}.response_code.${response.statusCode}`, 1);
          ctx.publish(`${name}.response_code`, response.statusCode);
        } catch (error) {
          failures.push(`GET ${redactUrl(url)} failed: ${ctx.signal.aborted ? 'no answer before the run deadline' : networkFailure(error)}`);
        }
      }),
    );
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

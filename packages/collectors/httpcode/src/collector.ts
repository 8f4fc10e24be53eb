import { defineCollector, SpinelError, type OptionIssue } from '@spinel/sdk';
import { isHttpUrl, requestHeaders, urlDispatcher, urlFailure } from '@spinel/http';
import { request, type Dispatcher } from 'undici';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { urlMetricName } from './url-name.js';

/** Body bytes read of an answer before it is dropped: the code is all that is wanted. */
const BODY_DRAIN_BYTES = 64 * 1024;

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
    return urlDispatcher({ timeoutMs: ctx.options.request_timeout * 1000, maxRedirects: ctx.options.max_redirects, verifyTls: ctx.options.verify_tls });
  },
  async teardown(dispatcher) {
    await dispatcher.close();
  },
  async collect(ctx, dispatcher) {
    const headers = requestHeaders({ 'user-agent': 'Spinel httpcode collector' }, ctx.options.headers);
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
          failures.push(urlFailure(url, error, ctx.signal));
        }
      }),
    );
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

import { HttpEndpoint, HttpRefusedError } from '@spinel/http';
import { assertTemplates, defineHandler, PermanentDeliveryError } from '@spinel/sdk';
import { encodeBody, seriesLabelCache, toWriteSeries } from './encode.js';
import { options } from './options.js';

export default defineHandler({
  name: 'prometheus_remote_write',
  description: 'Ships samples with Prometheus remote write 1.0 (protobuf, snappy).',
  options,
  defaultWorker: 'own',
  create(ctx) {
    const o = ctx.options;
    assertTemplates('prometheus_remote_write', o.templates);
    const url = new URL(o.url);
    const timeoutMs = o.timeout * 1000;
    const endpoint = new HttpEndpoint({ url: url.origin, connectTimeoutMs: timeoutMs, headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs });
    const headers: Record<string, string> = {
      ...o.headers,
      'content-type': 'application/x-protobuf',
      'content-encoding': 'snappy',
      'x-prometheus-remote-write-version': '0.1.0',
      'user-agent': 'spinel',
    };
    if (o.bearer_token) headers.authorization = `Bearer ${o.bearer_token}`;
    else if (o.username) headers.authorization = `Basic ${Buffer.from(`${o.username}:${o.password ?? ''}`).toString('base64')}`;
    const mapping = { templates: o.templates, hostLabel: o.host_label };
    const path = url.pathname + url.search;
    const labelCache = seriesLabelCache(mapping, ctx.metricSpec);
    return {
      async process(batch) {
        const series = toWriteSeries(batch, mapping, ctx.metricSpec, labelCache);
        if (series.length === 0) return;
        try {
          // The spec: 5xx and 429 are retried with backoff, other 4xx are not (the delivery core does both).
          await endpoint.send({ method: 'POST', path, headers, body: encodeBody(series) }, [o.password, o.bearer_token]);
        } catch (error) {
          if (error instanceof HttpRefusedError && (error.status === 401 || error.status === 403)) {
            throw new PermanentDeliveryError(`remote write endpoint ${url.origin} refused the credentials (HTTP ${error.status}; check ${o.bearer_token ? 'bearer_token' : 'username and password'}): ${error.message}`);
          }
          throw error;
        }
      },
      close: () => endpoint.close(),
    };
  },
});

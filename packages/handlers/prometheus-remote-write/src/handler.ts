import { authorization, explainRefusedCredentials, HttpEndpoint, originWithUserinfo } from '@spinel/http';
import { defineHandler } from '@spinel/sdk';
import { templateIssues } from '@spinel/plugin-kit';
import { encodeBody, seriesLabelCache, toWriteSeries } from './encode.js';
import { options } from './options.js';

export default defineHandler({
  name: 'prometheus_remote_write',
  description: 'Ships samples with Prometheus remote write 1.0 (protobuf, snappy).',
  options,
  validate: (o) => templateIssues(o.templates),
  defaultWorker: 'own',
  create(ctx) {
    const o = ctx.options;
    const url = new URL(o.url);
    const endpoint = new HttpEndpoint({ url: originWithUserinfo(url), timeoutMs: o.timeout * 1000 });
    const headers: Record<string, string> = {
      ...o.headers,
      'content-type': 'application/x-protobuf',
      'content-encoding': 'snappy',
      'x-prometheus-remote-write-version': '0.1.0',
      'user-agent': 'spinel',
    };
    const auth = authorization({ username: o.username, password: o.password, bearerToken: o.bearer_token });
    if (auth) headers.authorization = auth;
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
          throw explainRefusedCredentials(error, `remote write endpoint ${url.origin}`, o.bearer_token ? 'bearer_token' : 'username and password');
        }
      },
      close: () => endpoint.close(),
    };
  },
});

import { readFileSync } from 'node:fs';
import { explainRefusedCredentials, HttpEndpoint, originWithUserinfo } from '@spinel/http';
import { defineHandler } from '@spinel/sdk';
import { requestBody, templateIssues } from '@spinel/plugin-kit';
import { encodeJson } from './json.js';
import { otlpSeriesCache, toResourceGroups } from './model.js';
import { options } from './options.js';
import { encodeProtobuf } from './protobuf.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export default defineHandler({
  name: 'otlp',
  description: 'Ships samples as OTLP/HTTP metrics (protobuf or JSON).',
  options,
  validate: (o) => templateIssues(o.templates),
  defaultWorker: 'own',
  create(ctx) {
    const o = ctx.options;
    const url = new URL(o.endpoint);
    const endpoint = new HttpEndpoint({ url: originWithUserinfo(url), timeoutMs: o.timeout * 1000 });
    const headers: Record<string, string> = { ...o.headers, 'content-type': o.encoding === 'json' ? 'application/json' : 'application/x-protobuf' };
    const scope = { name: 'spinel', version: VERSION };
    const startTimeMs = Math.round(ctx.now() * 1000);
    const secrets = Object.values(o.headers);
    const modelOptions = { mapping: { templates: o.templates }, resource: o.resource_attributes, describe: ctx.metricSpec, startTimeMs, scope };
    const cache = otlpSeriesCache(modelOptions);
    return {
      async process(batch) {
        const groups = toResourceGroups(batch, modelOptions, cache);
        if (groups.length === 0) return;
        const body = o.encoding === 'json' ? encodeJson(groups, scope) : encodeProtobuf(groups, scope);
        try {
          const payload = await requestBody(body, o.gzip);
          const response = await endpoint.send(
            { method: 'POST', path: url.pathname + url.search, headers: { ...headers, ...payload.headers }, body: payload.body },
            secrets,
          );
          // 200 with a partial success names data points the receiver rejected; they are not retried.
          if (o.encoding === 'json' && /"rejectedDataPoints"\s*:\s*"?[1-9]/.test(response.body))
            ctx.log.warn(`otlp: ${url.origin} rejected some data points: ${response.body.slice(0, 200)}`);
        } catch (error) {
          throw explainRefusedCredentials(error, `otlp: ${url.origin}`, 'the headers');
        }
      },
      close: () => endpoint.close(),
    };
  },
});

import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { authorization, explainRefusedCredentials, HttpEndpoint, originWithUserinfo } from '@spinel/http';
import { defineHandler, plaintextLines, type Sample } from '@spinel/sdk';
import { options } from './options.js';

const gzip = promisify(gzipCallback);

/** The JSON body: one object per sample. */
export function jsonBody(batch: readonly Sample[]): string {
  return JSON.stringify(
    batch.map((s) => ({ path: s.path, name: s.name, value: s.value, timestamp: s.timestamp, type: s.type, host: s.host ?? null, collector: s.collector, dimensions: s.dimensions ?? {} })),
  );
}

export default defineHandler({
  name: 'http',
  description: "POSTs batches of samples to a URL as JSON or as Diamond's HttpPostHandler plaintext.",
  options,
  create(ctx) {
    const o = ctx.options;
    const url = new URL(o.url);
    const endpoint = new HttpEndpoint({ url: originWithUserinfo(url), timeoutMs: o.timeout * 1000 });
    const headers: Record<string, string> = {
      ...o.headers,
      // Diamond's handler posted with urllib2's default form content type; the body is plain lines.
      'content-type': o.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
    };
    const auth = authorization({ username: o.username, password: o.password, bearerToken: o.bearer_token });
    if (auth) headers.authorization = auth;
    if (o.gzip) headers['content-encoding'] = 'gzip';
    const path = url.pathname + url.search;
    return {
      async process(batch) {
        if (batch.length === 0) return;
        const text = o.format === 'json' ? jsonBody(batch) : plaintextLines(batch);
        try {
          await endpoint.send({ method: 'POST', path, headers, body: o.gzip ? await gzip(text) : text }, [o.password, o.bearer_token]);
        } catch (error) {
          throw explainRefusedCredentials(error, url.origin, o.bearer_token ? 'bearer_token' : 'username and password');
        }
      },
      close: () => endpoint.close(),
    };
  },
});

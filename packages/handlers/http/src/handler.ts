import { authorization, explainRefusedCredentials, HttpEndpoint, originWithUserinfo } from '@spinel/http';
import { defineHandler, plaintextLines, type Sample } from '@spinel/sdk';
import { requestBody, sampleRecord } from '@spinel/plugin-kit';
import { options } from './options.js';

/** The JSON body: one object per sample. */
export function jsonBody(batch: readonly Sample[]): string {
  return JSON.stringify(batch.map((s) => sampleRecord(s, true)));
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
    const path = url.pathname + url.search;
    return {
      async process(batch) {
        if (batch.length === 0) return;
        const text = o.format === 'json' ? jsonBody(batch) : plaintextLines(batch);
        try {
          const payload = await requestBody(text, o.gzip);
          await endpoint.send({ method: 'POST', path, headers: { ...headers, ...payload.headers }, body: payload.body }, [o.password, o.bearer_token]);
        } catch (error) {
          throw explainRefusedCredentials(error, url.origin, o.bearer_token ? 'bearer_token' : 'username and password');
        }
      },
      close: () => endpoint.close(),
    };
  },
});

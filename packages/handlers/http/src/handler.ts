import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { HttpEndpoint, HttpRefusedError } from '@spinel/http';
import { defineHandler, PermanentDeliveryError, plaintextLines, type Sample } from '@spinel/sdk';
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
    const timeoutMs = o.timeout * 1000;
    const endpoint = new HttpEndpoint({ url: url.origin, connectTimeoutMs: timeoutMs, headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs });
    const headers: Record<string, string> = {
      ...o.headers,
      // Diamond's handler posted with urllib2's default form content type; the body is plain lines.
      'content-type': o.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
    };
    if (o.bearer_token) headers.authorization = `Bearer ${o.bearer_token}`;
    else if (o.username) headers.authorization = `Basic ${Buffer.from(`${o.username}:${o.password ?? ''}`).toString('base64')}`;
    if (o.gzip) headers['content-encoding'] = 'gzip';
    const path = url.pathname + url.search;
    return {
      async process(batch) {
        if (batch.length === 0) return;
        const text = o.format === 'json' ? jsonBody(batch) : plaintextLines(batch);
        try {
          await endpoint.send({ method: 'POST', path, headers, body: o.gzip ? await gzip(text) : text }, [o.password, o.bearer_token]);
        } catch (error) {
          if (error instanceof HttpRefusedError && (error.status === 401 || error.status === 403)) {
            throw new PermanentDeliveryError(`${url.origin} refused the credentials (HTTP ${error.status}; check ${o.bearer_token ? 'bearer_token' : 'username and password'}): ${error.message}`);
          }
          throw error;
        }
      },
      close: () => endpoint.close(),
    };
  },
});

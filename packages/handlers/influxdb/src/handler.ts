import { authorization, explainRefusedCredentials, HttpEndpoint } from '@spinel/http';
import { defineHandler } from '@spinel/sdk';
import { requestBody, templateIssues } from '@spinel/plugin-kit';
import { LineProtocolEncoder, type Precision } from './line-protocol.js';
import { options } from './options.js';

export default defineHandler({
  name: 'influxdb',
  description: 'Ships samples to InfluxDB as line protocol over HTTP (v1 or v2 write API).',
  options,
  defaultWorker: 'own',
  validate: (o) => [
    ...templateIssues(o.templates),
    ...(o.api === 'v2'
      ? (['org', 'bucket', 'token'] as const).filter((k) => !o[k]).map((key) => ({ key, expected: 'a value with api: v2', found: 'none' }))
      : []),
  ],
  async create(ctx) {
    const o = ctx.options;
    const url = new URL(o.url);
    const endpoint = new HttpEndpoint({ url: o.url, timeoutMs: o.timeout * 1000 });
    const secrets = [o.password, o.token];
    const header = o.api === 'v2' ? `Token ${o.token}` : authorization({ username: o.username, password: o.password });
    const auth: Record<string, string> = header ? { authorization: header } : {};
    const query = new URLSearchParams(o.api === 'v2' ? { org: o.org!, bucket: o.bucket!, precision: o.precision } : { db: o.database, precision: o.precision });
    if (o.api === 'v1' && o.retention_policy) query.set('rp', o.retention_policy);
    const writePath = `${o.api === 'v2' ? '/api/v2/write' : '/write'}?${query}`;
    const encoder = new LineProtocolEncoder(o.precision as Precision, { templates: o.templates, hostLabel: o.host_label });
    const explain = (error: unknown): unknown =>
      explainRefusedCredentials(error, `InfluxDB at ${url.origin}`, o.api === 'v2' ? 'token' : 'username and password');

    if (o.api === 'v1' && o.create_database) {
      const body = new URLSearchParams({ q: `CREATE DATABASE "${o.database.replaceAll('"', '\\"')}"` }).toString();
      try {
        await endpoint.send({ method: 'POST', path: '/query', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body }, secrets);
      } catch (error) {
        // Not fatal: the database may exist and the user lack the right to create one; the writes will tell.
        const explained = explain(error);
        ctx.log.warn(`influxdb: could not create database ${o.database}: ${explained instanceof Error ? explained.message : String(explained)}`);
      }
    }

    return {
      async process(batch) {
        const { text, skipped } = encoder.encode(batch);
        if (skipped > 0) ctx.log.warn(`influxdb: left out ${skipped} samples whose values are not finite numbers`);
        if (text === '') return;
        const { body, headers: encoding } = await requestBody(text, o.gzip);
        const headers: Record<string, string> = { ...auth, 'content-type': 'text/plain; charset=utf-8', ...encoding };
        try {
          await endpoint.send({ method: 'POST', path: writePath, headers, body }, secrets);
        } catch (error) {
          throw explain(error);
        }
      },
      close: () => endpoint.close(),
    };
  },
});

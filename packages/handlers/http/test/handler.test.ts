import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained, runThroughOutage } from '@spinel/testing';
import http from '@spinel/handler-http';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A local receiver that records requests and answers with `status` (204 by default). */
async function receiver(port = 0): Promise<{ server: Server; port: number; requests: Received[]; status: { code: number } }> {
  const requests: Received[] = [];
  const status = { code: 204 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status.code).end(status.code >= 400 ? 'nope\n' : '');
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, requests, status };
}

describe('http handler', () => {
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    rx = await receiver();
  });
  afterAll(() => rx.server.close());

  it('posts JSON with every field, and basic auth', async () => {
    const harness = await createHandlerHarness(http, { url: `http://127.0.0.1:${rx.port}/ingest?x=1`, username: 'u', password: 'p' });
    await harness.process([makeSample({ collector: 'cpu', name: 'cpu0.user', value: 1.5, dimensions: { cpu: 'cpu0' } })]);
    await harness.close();
    const request = rx.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/ingest?x=1' });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
    expect(JSON.parse(request.body.toString())).toEqual([{ path: 'servers.testhost.cpu.cpu0.user', name: 'cpu0.user', value: 1.5, timestamp: 1_700_000_000, type: 'gauge', host: 'testhost', collector: 'cpu', dimensions: { cpu: 'cpu0' } }]);
  });

  it("posts Diamond's HttpPostHandler body (plaintext lines), gzipped when asked", async () => {
    const harness = await createHandlerHarness(http, { url: `http://127.0.0.1:${rx.port}/`, format: 'diamond', gzip: true });
    await harness.process([makeSample({ name: 'a', value: 1 }), makeSample({ name: 'b', value: 2.5, precision: 1 })]);
    await harness.close();
    const request = rx.requests.at(-1)!;
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(request.body).toString()).toBe('servers.testhost.test.a 1 1700000000\nservers.testhost.test.b 2.5 1700000000\n');
  });

  it('refused credentials are permanent and named, 5xx retried', async () => {
    const harness = await createHandlerHarness(http, { url: `http://127.0.0.1:${rx.port}/`, bearer_token: 'tok-secret' });
    rx.status.code = 403;
    const error = (await harness.process([makeSample({ name: 'a', value: 1 })]).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('SPINEL_DELIVERY_PERMANENT');
    expect(error.message).toContain('refused the credentials (HTTP 403; check bearer_token)');
    expect(error.message).not.toContain('tok-secret');
    rx.status.code = 502;
    await expect(harness.process([makeSample({ name: 'a', value: 1 })])).rejects.toMatchObject({ code: 'SPINEL_DELIVERY_RETRY' });
    rx.status.code = 204;
    await harness.close();
  });

  it('url is required', async () => {
    await expect(createHandlerHarness(http, {})).rejects.toThrow('http: url: expected a value (this option is required), found nothing');
  });

  it('retains under 1 KB per round over 200 rounds of new series', async () => {
    const report = await measureRetained(
      { handler: http, options: { url: `http://127.0.0.1:${rx.port}/` }, perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `s${r}_${i}`, value: i })) },
      { rounds: 200, warmup: 20, objectCounts: false, onRound: () => void (rx.requests.length = 0) },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);

  it('the receiver stopped and restarted under a running agent: every sample arrives once', async () => {
    let current = await receiver();
    const port = current.port;
    const all: Received[] = [];
    const { published, stats } = await runThroughOutage({
      handler: { plugin: PACKAGE_DIR, options: { url: `http://127.0.0.1:${port}/`, timeout: 1 } },
      searchDir: PACKAGE_DIR,
      hostname: 'outage',
      stop: async () => {
        all.push(...current.requests);
        current.server.closeAllConnections();
        await new Promise((r) => current.server.close(r));
      },
      start: async () => {
        current = await receiver(port);
      },
    });
    all.push(...current.requests);
    current.server.close();
    expect(stats.dropped).toBe(0);
    const got = all.flatMap((r) => JSON.parse(r.body.toString()) as Array<{ path: string; value: number; timestamp: number }>).filter((s) => s.path === 'servers.outage.tick.runs');
    expect(got.map((s) => [s.timestamp, s.value])).toEqual(published);
  }, 60_000);
});

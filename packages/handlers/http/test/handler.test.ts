import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained, runThroughOutage } from '@spinel/testing';
import http from '@spinel/handler-http';
import { startRecorder, type Recorder } from '../../../../tooling/services/http-recorder.mjs';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('http handler', () => {
  let rx: Recorder;
  beforeAll(async () => {
    rx = await startRecorder();
  });
  afterAll(() => rx.stop());

  it('posts JSON with every field, and basic auth', async () => {
    const harness = await createHandlerHarness(http, { url: `http://127.0.0.1:${rx.port}/ingest?x=1`, username: 'u', password: 'p' });
    await harness.process([makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 1.5, dimensions: { cpu: 'cpu0' } })]);
    await harness.close();
    const request = rx.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/ingest?x=1' });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
    expect(JSON.parse(request.body.toString())).toEqual([
      {
        path: 'servers.testhost.cpu.cpu0.user',
        name: 'cpu0.user',
        value: 1.5,
        timestamp: 1_700_000_000,
        type: 'gauge',
        host: 'testhost',
        collector: 'cpu',
        dimensions: { cpu: 'cpu0' },
      },
    ]);
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
    rx.status = 403;
    const error = (await harness.process([makeSample({ name: 'a', value: 1 })]).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('SPINEL_DELIVERY_PERMANENT');
    expect(error.message).toContain('refused the credentials (HTTP 403; check bearer_token)');
    expect(error.message).not.toContain('tok-secret');
    rx.status = 502;
    await expect(harness.process([makeSample({ name: 'a', value: 1 })])).rejects.toMatchObject({ code: 'SPINEL_DELIVERY_RETRY' });
    rx.status = 204;
    await harness.close();
  });

  it('url is required', async () => {
    await expect(createHandlerHarness(http, {})).rejects.toThrow('http: url: expected a value (this option is required), found nothing');
  });

  it('retains under 1 KB per round over 200 rounds of new series', async () => {
    const report = await measureRetained(
      {
        handler: http,
        options: { url: `http://127.0.0.1:${rx.port}/` },
        perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `s${r}_${i}`, value: i })),
      },
      { rounds: 200, warmup: 20, objectCounts: false, onRound: () => void (rx.requests.length = 0) },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);

  it('the receiver stopped and restarted under a running agent: every sample arrives once', async () => {
    const backend = await startRecorder();
    const { published, stats } = await runThroughOutage({
      handler: { plugin: PACKAGE_DIR, options: { url: backend.url(), timeout: 1 } },
      searchDir: PACKAGE_DIR,
      hostname: 'outage',
      stop: () => backend.stop(),
      start: () => backend.start(),
    });
    await backend.stop();
    expect(stats.dropped).toBe(0);
    const got = backend.requests
      .flatMap((r) => JSON.parse(r.body.toString()) as Array<{ path: string; value: number; timestamp: number }>)
      .filter((s) => s.path === 'servers.outage.tick.runs');
    expect(got.map((s) => [s.timestamp, s.value])).toEqual(published);
  }, 60_000);
});

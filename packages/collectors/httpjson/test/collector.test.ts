// Documents served by a real nginx of the test's own: a JSON file it serves (rewritten between
// runs), one behind a required API key header, a very long list, a page that is not JSON.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector from '@spinel/collector-httpjson';
import { jsonLeaves } from '@spinel/plugin-kit';
import { freePort, startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveNginx, startNginx, type NginxServer } from '../../../../tooling/services/nginx.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveNginx)
  console.log(
    'httpjson collector: /usr/sbin/nginx is missing (apt-get install nginx-light; .ci/run does), so the tests against a real HTTP server are skipped',
  );

const API_KEY = 'k3y-only-the-agent-knows';
const now = (): number => Date.now() / 1000;

describe('the numeric leaves of a document (jsonLeaves, as httpjson reads it)', () => {
  it('keys and list indexes become path segments; numbers, booleans and whole-number text are values', () => {
    const { leaves, dropped } = jsonLeaves(
      { a: { b: 1, c: 'text', d: '42', e: '1.5', f: true, g: null }, list: [{ busy: 2 }, 3] },
      { lists: true, wholeNumberText: true },
    );
    expect(leaves).toEqual([
      { name: 'a.b', value: 1 },
      { name: 'a.d', value: 42 },
      { name: 'a.f', value: 1 },
      { name: 'list.0.busy', value: 2 },
      { name: 'list.1', value: 3 },
    ]);
    expect(dropped).toBe(0);
  });

  it('stops at the limit and counts the rest', () => {
    expect(jsonLeaves({ items: Array.from({ length: 10 }, (_, i) => i) }, { lists: true, limit: 4 })).toEqual({
      leaves: [0, 1, 2, 3].map((i) => ({ name: `items.${i}`, value: i })),
      dropped: 6,
    });
  });
});

describe.skipIf(!haveNginx)('httpjson collector against a real HTTP server (nginx)', () => {
  let nginx: NginxServer;
  const write = (name: string, document: unknown): void => writeFileSync(path.join(nginx.dir, 'www', name), JSON.stringify(document));
  beforeAll(async () => {
    nginx = await startNginx({
      locations: `    location = /stats.json { default_type application/json; }
    location = /private.json { default_type application/json; if ($http_x_api_key != "${API_KEY}") { return 401 "missing or wrong X-Api-Key\\n"; } }
    location = /big.json { default_type application/json; }
    location = /page.html { default_type text/html; }`,
    });
    write('private.json', { secret: { value: 7 } });
    write('big.json', { items: Array.from({ length: 5000 }, (_, i) => ({ id: i })) });
    writeFileSync(path.join(nginx.dir, 'www', 'page.html'), '<html><body>hello</body></html>');
  });
  afterAll(async () => nginx?.stop());

  const harness = (options: Record<string, unknown>) => new CollectorHarness(collector, { live: true, clock: now, options, settings: { interval: 1 } });

  it('publishes every numeric value under its path, following the document as it changes', async () => {
    const h = harness({ url: `${nginx.url}/stats.json` });
    write('stats.json', { requests: { total: 10, failed: 1 }, version: '1.2.3', up: true });
    const first = await h.step({ time: now() });
    write('stats.json', { requests: { total: 25, failed: 1 }, version: '1.2.3', up: false });
    const second = await h.step({ time: now() });
    await h.close();
    expect(Object.fromEntries(first.values)).toEqual({ 'requests.total': 10, 'requests.failed': 1, up: 1 });
    expect(Object.fromEntries(second.values)).toEqual({ 'requests.total': 25, 'requests.failed': 1, up: 0 });
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
  });

  it('sends the configured headers; a refusal names the URL and status, never a header value', async () => {
    const without = harness({ url: `${nginx.url}/private.json`, headers: { 'X-Api-Key': 'wrong-key-value' } });
    const refused = await without.step({ time: now() });
    await without.close();
    expect(refused.result.error?.message).toBe(`GET ${nginx.url}/private.json answered HTTP 401: missing or wrong X-Api-Key`);
    expect(JSON.stringify(refused)).not.toContain('wrong-key-value');
    const keyed = harness({ url: `${nginx.url}/private.json`, headers: { 'X-Api-Key': API_KEY } });
    const ok = await keyed.step({ time: now() });
    await keyed.close();
    expect(ok.values.get('secret.value')).toBe(7);
  });

  it('a document with more values than max_values publishes max_values and warns once', async () => {
    const h = harness({ url: `${nginx.url}/big.json`, max_values: 2000 });
    const first = await h.step({ time: now() });
    const second = await h.step({ time: now() });
    await h.close();
    expect(first.samples).toHaveLength(2000);
    expect(first.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      `GET ${nginx.url}/big.json answered 5000 values; publishing the first 2000 (max_values) and dropping the rest`,
    ]);
    expect(second.logs.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('a page that is not JSON, a server that is down, one that never answers: each fails the run saying which', async () => {
    const page = harness({ url: `${nginx.url}/page.html` });
    expect((await page.step({ time: now() })).result.error?.message).toBe(
      `GET ${nginx.url}/page.html answered something that is not JSON: <html><body>hello</body></html>`,
    );
    await page.close();
    const port = await freePort();
    const down = harness({ url: `http://127.0.0.1:${port}/stats.json` });
    const refused = await down.step({ time: now() });
    await down.close();
    expect(refused.result.error?.code).toBe('SPINEL_SOURCE_UNREACHABLE');
    expect(refused.result.error?.message).toBe(`GET http://127.0.0.1:${port}/stats.json failed: connect ECONNREFUSED 127.0.0.1:${port}`);
    const silent = await startSilentServer();
    const hanging = harness({ url: `http://127.0.0.1:${silent.port}/stats.json`, request_timeout: 0.5 });
    const started = performance.now();
    const timedOut = await hanging.step({ time: now() });
    await hanging.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(timedOut.result.error?.message).toContain('failed: UND_ERR_HEADERS_TIMEOUT');
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    write('stats.json', { requests: { total: 10, failed: 1 } });
    const report = await measureRetained(
      { collector, live: true, options: { url: `${nginx.url}/stats.json` }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

// Against a server of the test's own, serving the page Diamond's http collector test feeds
// (test/fixtures/index, 150 bytes) and pages that are slow, large, missing or moved.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { http } from '@spinel/plugin-kit';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { httpMetricName } from '@spinel/collector-http';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const INDEX = readFileSync(fileURLToPath(new URL('./fixtures/index', import.meta.url)));
const now = (): number => Date.now() / 1000;
let lastHost: string | undefined;

function answer(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  lastHost = req.headers.host;
  if (url === '/') res.writeHead(200).end(INDEX);
  else if (url === '/slow') setTimeout(() => res.writeHead(200).end(INDEX), 300);
  else if (url === '/large') res.writeHead(200).end(Buffer.alloc(3 * 1048576, 'x'));
  else if (url === '/moved') res.writeHead(302, { location: '/' }).end();
  else res.writeHead(404).end('no');
}

describe('URL names', () => {
  it("are Diamond's: / and . become _, : and \\ go, empty is root", () => {
    expect(httpMetricName('http://www.my_server.com/')).toBe('http__www_my_server_com_');
    expect(httpMetricName('https://127.0.0.1:8443/a.html')).toBe('https__127_0_0_18443_a_html');
    expect(httpMetricName('')).toBe('root');
    expect(validatePluginOptions(collector, { req_url: ['mailto:x@example.com'] }).issues).toEqual([
      { key: 'req_url.0', expected: 'an http or https URL', found: 'mailto:x@example.com' },
    ]);
  });
});

describe('http collector against a server of its own', () => {
  const server = http.createServer(answer);
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const harness = (options: Record<string, unknown>) => new CollectorHarness(collector, { live: true, clock: now, options, settings: { interval: 1 } });

  it("publishes Diamond's size of its test page (150 bytes) and the time in microseconds, with req_vhost as the Host header", async () => {
    const h = harness({ req_url: [`${base}/`, `${base}/slow`], req_vhost: 'www.my_server.com' });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(lastHost).toBe('www.my_server.com');
    const v = step.values;
    expect(v.get(`${httpMetricName(`${base}/`)}.size`)).toBe(150);
    const slow = v.get(`${httpMetricName(`${base}/slow`)}.time`) ?? 0;
    expect(slow).toBeGreaterThanOrEqual(300_000);
    expect(slow).toBeLessThan(3_000_000);
    expect(Number.isInteger(slow)).toBe(true);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('follows a redirect to the page; a 404 and a page past max_response_mb fail those URLs only, naming them', async () => {
    const h = harness({ req_url: [`${base}/moved`, `${base}/missing`, `${base}/large`], max_response_mb: 1 });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.values.get(`${httpMetricName(`${base}/moved`)}.size`)).toBe(150);
    expect(step.result.error?.message).toBe(
      `GET ${base}/missing answered HTTP 404; GET ${base}/large failed: the page is larger than max_response_mb (1048576 bytes; reading stopped there)`,
    );
    expect([...step.values.keys()].filter((name) => name.includes('missing') || name.includes('large'))).toEqual([]);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { req_url: [`${base}/`, `${base}/moved`] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

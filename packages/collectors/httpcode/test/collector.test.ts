// Against servers of the test's own: plain HTTP answering chosen codes, redirects and silence,
// and HTTPS with a self-signed certificate made by openssl for the test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { http } from '@spinel/plugin-kit';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { urlMetricName } from '@spinel/collector-httpcode';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const now = (): number => Date.now() / 1000;

let lastUserAgent: string | undefined;

function answer(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  if (url === '/ok') res.writeHead(200).end('ok');
  else if (url === '/boom') res.writeHead(500).end('boom');
  else if (url === '/moved') res.writeHead(301, { location: '/ok' }).end();
  else if (url === '/loop') res.writeHead(302, { location: '/loop' }).end();
  else if (url === '/agent') {
    lastUserAgent = req.headers['user-agent'];
    res.writeHead(204).end();
  } else if (url === '/silent') return;
  else res.writeHead(404).end('no');
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('URL names', () => {
  it("are the Metricly collector's: scheme dropped, trailing slash trimmed, other characters one _", () => {
    expect(urlMetricName('http://www.site.com/admin/page.html')).toBe('www_site_com_admin_page_html');
    expect(urlMetricName('https://127.0.0.1:8443/')).toBe('127_0_0_1_8443');
    expect(urlMetricName('http://localhost/a?b=c&d')).toBe('localhost_a_b_c_d');
  });

  it('refuses, at config load, what is not an http(s) URL, naming the entry', () => {
    expect(validatePluginOptions(collector, { req_url: ['http://localhost/', 'ftp://example.com/', 'localhost'] }).issues).toEqual([
      { key: 'req_url.1', expected: 'an http or https URL', found: 'ftp://example.com/' },
      { key: 'req_url.2', expected: 'an http or https URL', found: 'localhost' },
    ]);
  });
});

describe('httpcode collector against servers of its own', () => {
  const plain = http.createServer(answer);
  let tls: Server;
  let base = '';
  let tlsBase = '';

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(plain)}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-httpcode-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = createHttpsServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, answer);
    tlsBase = `https://127.0.0.1:${await listen(tls)}`;
  });
  afterAll(() => {
    plain.closeAllConnections();
    plain.close();
    tls.closeAllConnections();
    tls.close();
  });

  const harness = (options: Record<string, unknown>) => new CollectorHarness(collector, { live: true, clock: now, options, settings: { interval: 1 } });
  const name = (url: string): string => urlMetricName(url);

  it("publishes each URL's code and a 1 under it; redirects are followed to the last answer", async () => {
    const urls = [`${base}/ok`, `${base}/boom`, `${base}/nothing-here`, `${base}/moved`];
    const h = harness({ req_url: urls });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const v = step.values;
    expect([urls[0], urls[1], urls[2], urls[3]].map((u) => v.get(`${name(u ?? '')}.response_code`))).toEqual([200, 500, 404, 200]);
    expect(v.get(`${name(`${base}/boom`)}.response_code.500`)).toBe(1);
    expect(v.get(`${name(`${base}/moved`)}.response_code.200`)).toBe(1);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('max_redirects 0 publishes the redirect itself; a redirect loop fails that URL only', async () => {
    const h = harness({ req_url: [`${base}/moved`], max_redirects: 0 });
    expect((await h.step({ time: now() })).values.get(`${name(`${base}/moved`)}.response_code`)).toBe(301);
    await h.close();
    const loop = harness({ req_url: [`${base}/loop`, `${base}/ok`], max_redirects: 3 });
    const step = await loop.step({ time: now() });
    await loop.close();
    expect(step.result.error?.message).toMatch(new RegExp(`^GET ${base}/loop failed: UND_ERR_INVALID_ARG \\(Redirect loop detected`));
    expect(step.values.get(`${name(`${base}/ok`)}.response_code`)).toBe(200);
  });

  it("reads a self-signed server's code unless verify_tls is on, which fails it naming the certificate problem", async () => {
    const url = `${tlsBase}/ok`;
    const h = harness({ req_url: [url] });
    expect((await h.step({ time: now() })).values.get(`${name(url)}.response_code`)).toBe(200);
    await h.close();
    const strict = harness({ req_url: [url], verify_tls: true });
    const step = await strict.step({ time: now() });
    await strict.close();
    expect(step.result.error?.message).toMatch(new RegExp(`^GET ${tlsBase}/ok failed: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)`));
  });

  it('sends the configured headers; a server that never answers ends at request_timeout', async () => {
    const h = harness({ req_url: [`${base}/silent`], request_timeout: 0.5 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    await h.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(step.result.error?.message).toMatch(new RegExp(`^GET ${base}/silent failed: UND_ERR_HEADERS_TIMEOUT`));
    const withHeaders = harness({ req_url: [`${base}/agent`], headers: { 'User-Agent': 'Diamond HTTP collector' } });
    expect((await withHeaders.step({ time: now() })).values.get(`${name(`${base}/agent`)}.response_code`)).toBe(204);
    await withHeaders.close();
    expect(lastUserAgent).toBe('Diamond HTTP collector');
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { req_url: [`${base}/ok`, `${base}/moved`] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

// Diamond's HAProxyCollector tests (its stats.csv from a replayed stats page and socket: the
// testcases, with the values each test asserts in diamond.json), and Debian's haproxy of the
// tests' own: its stats page behind Basic auth and its stats socket.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';
import collector, { statFigures } from '@spinel/collector-haproxy';
import { haveHaproxy, startHaproxy, type HaproxyServer } from '../../../../tooling/services/haproxy.mjs';
import { haveNginx, startNginx, type NginxServer } from '../../../../tooling/services/nginx.mjs';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const CSV = '# pxname,svname,scur,status,bin\nweb,FRONTEND,3,OPEN,100\nweb,srv.1,1,UP,\n';

describe('stats CSV', () => {
  it('publishes each numeric column under <proxy>.<service>.<column>, lower-cased and sanitized, leaving text and empty cells out', () => {
    expect(statFigures(CSV, false)).toEqual([
      ['web.frontend.scur', 3],
      ['web.frontend.bin', 100],
      ['web.srv_1.scur', 1],
    ]);
    expect(statFigures(CSV, true)).toEqual([
      ['web.frontend.scur', 3],
      ['web.frontend.bin', 100],
    ]);
  });

  it("refuses a `servers` section with a key Diamond's sections do not take, naming it", () => {
    const issues = (servers: unknown) => validatePluginOptions(collector, { servers }).issues.map((i) => `${i.key}: ${i.expected}`);
    expect(issues({ lb1: { url: 'http://lb1/haproxy?stats;csv' }, lb2: { method: 'unix', sock: '/run/lb2.sock' } })).toEqual([]);
    expect(issues({ lb1: { uri: 'x' } })[0]).toContain('found key uri');
  });
});

describe('haproxy collector and credentials', () => {
  let server: http.Server;
  const seen: Array<string | undefined> = [];
  let url = '';
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      seen.push(request.headers.authorization);
      if (request.url?.startsWith('/open')) response.end(CSV);
      else if (request.headers.authorization === `Basic ${Buffer.from('admin:s3cret').toString('base64')}`) response.end(CSV);
      else response.writeHead(401, { 'www-authenticate': 'Basic realm="HAProxy Statistics"' }).end('401 Unauthorized\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends user and pass only to a page that asks (HTTP 401), then with every request; an open page never sees them', async () => {
    seen.length = 0;
    const open = new CollectorHarness(collector, { live: true, options: { url: `${url}/open?stats;csv` } });
    await open.step({ time: 1 });
    await open.close();
    expect(seen).toEqual([undefined]);
    seen.length = 0;
    const h = new CollectorHarness(collector, { live: true, options: { url: `${url}/haproxy?stats;csv`, pass: 's3cret' } });
    const first = await h.step({ time: 1 });
    const second = await h.step({ time: 2 });
    await h.close();
    expect([first.result.error, second.result.error]).toEqual([undefined, undefined]);
    expect(second.values.get('web.frontend.scur')).toBe(3);
    expect(seen.map((header) => (header ? 'Basic' : 'none'))).toEqual(['none', 'Basic', 'Basic']);
  });

  it('wrong credentials fail the run naming the page, the password never in the message', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { url: `${url}/haproxy?stats;csv`, pass: 'wrong-pass' } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe(`GET ${url}/haproxy?stats;csv answered HTTP 401: 401 Unauthorized`);
  });
});

if (!haveHaproxy || !haveNginx)
  console.log(
    'haproxy collector: haproxy or nginx is missing (apt-get install haproxy nginx-light; .ci/run does), so the tests against a real HAProxy are skipped',
  );

describe.skipIf(!haveHaproxy || !haveNginx)('haproxy collector against a real HAProxy', () => {
  let web: NginxServer;
  let haproxy: HaproxyServer;
  beforeAll(async () => {
    web = await startNginx();
    haproxy = await startHaproxy({ backend: `127.0.0.1:${web.port}` });
    for (let i = 0; i < 5; i++) await fetch(haproxy.url);
  }, 60_000);
  afterAll(async () => Promise.all([haproxy?.stop(), web?.stop()]));

  it('reads the stats page behind Basic auth and the stats socket alike: the requests it forwarded, every name in the catalogue', async () => {
    const page = new CollectorHarness(collector, { live: true, options: { url: haproxy.statsUrl, user: haproxy.user, pass: haproxy.password } });
    const socket = new CollectorHarness(collector, { live: true, options: { method: 'unix', sock: haproxy.socket } });
    const [viaPage, viaSocket] = [await page.step({ time: 1 }), await socket.step({ time: 1 })];
    await Promise.all([page.close(), socket.close()]);
    for (const step of [viaPage, viaSocket]) {
      expect(step.result.error).toBeUndefined();
      expect(step.values.get('web.frontend.req_tot')).toBeGreaterThanOrEqual(5);
      expect(step.values.get('app.web1.hrsp_2xx')).toBeGreaterThanOrEqual(5);
      expect(step.values.has('app.web2.scur')).toBe(true);
      expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
    }
  });

  it('a socket nothing listens on fails the run naming it', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { method: 'unix', sock: `${haproxy.dir}/missing.sock` } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe(`show stat on ${haproxy.dir}/missing.sock failed: ENOENT`);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { method: 'unix', sock: haproxy.socket }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

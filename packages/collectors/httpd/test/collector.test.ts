// Against an Apache httpd of the test's own (Debian's apache2-bin) on a free port with mod_status
// on; Diamond's recorded pages replay in the conformance suite (conformance/diamond/httpd).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import { validatePluginOptions } from '@spinel/sdk';
import collector, { parseModStatus, statusPages } from '@spinel/collector-httpd';
import { startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveApache, startApache, type ApacheServer } from '../../../../tooling/services/apache.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveApache)
  console.log('httpd collector: /usr/sbin/apache2 is missing (apt-get install apache2-bin; .ci/run does), so the tests against a real Apache are skipped');

const now = (): number => Date.now() / 1000;

describe('status pages and their URLs', () => {
  it("reads Diamond's names, counts IdleWorkers from the scoreboard, drops a % and leaves what Diamond leaves", () => {
    const page = parseModStatus(
      '127.0.0.1\nServerVersion: Apache/2.4\nTotal Accesses: 12\nTotal kBytes: 3\nUptime: 5\nIdleWorkers: 99\nCacheUsage: 3%\nServerUptime:\nScoreboard: _W_K..\n',
    );
    expect(page).toEqual({
      values: new Map([
        ['TotalAccesses', 12],
        ['TotalkBytes', 3],
        ['CacheUsage', 3],
      ]),
      scoreboard: '_W_K..',
    });
    expect(parseModStatus('<html><body>It works!</body></html>')).toBe(
      'not an Apache mod_status page in ?auto format (no `Total Accesses:`, `BusyWorkers:` or `Scoreboard:` line)',
    );
  });

  it('takes `urls` as Diamond does: nickname and URL, a bare URL, a trailing comma (issues 533), `url` appended', () => {
    expect(statusPages(['localhost http://localhost:80/server-status?auto', ''], undefined)).toEqual(
      new Map([['localhost', 'http://localhost:80/server-status?auto']]),
    );
    expect(statusPages(['localhost http://localhost/server-status?auto'], 'http://www.example.com:80/server-status?auto')).toEqual(
      new Map([
        ['localhost', 'http://localhost/server-status?auto'],
        ['', 'http://www.example.com:80/server-status?auto'],
      ]),
    );
  });

  it('refuses, at config load, an entry that is not a URL and a nickname with a dot, naming the key', () => {
    expect(validatePluginOptions(collector, { urls: ['web ftp://example.com/', 'a.b http://localhost/server-status?auto'], url: 'not a url' }).issues).toEqual([
      { key: 'urls.0', expected: '`nickname http://host:port/server-status?auto` or a bare http(s) URL', found: 'web ftp://example.com/' },
      { key: 'urls.1', expected: 'a nickname without dots (it is one path segment)', found: 'a.b' },
      { key: 'url', expected: '`nickname http://host:port/server-status?auto` or a bare http(s) URL', found: 'not a url' },
    ]);
  });
});

describe.skipIf(!haveApache)('httpd collector against a real Apache', () => {
  let apache: ApacheServer;
  beforeAll(async () => {
    apache = await startApache();
  });
  afterAll(async () => apache?.stop());

  const page = (): string => `${apache.url}/server-status?auto`;
  const harness = (options: Record<string, unknown>) => new CollectorHarness(collector, { live: true, clock: now, options, settings: { interval: 1 } });

  it("requests served move TotalAccesses; the scoreboard's states add up to its slots; names and types as the catalogue says", async () => {
    const h = harness({ urls: [`web ${page()}`] });
    const first = await h.step({ time: now() });
    expect(first.result.error).toBeUndefined();
    for (let i = 0; i < 40; i++) await fetch(`${apache.url}/index.html`, { headers: { connection: 'close' } }).then((r) => r.text());
    // Apache counts a request in its logging phase, after the client has the answer: the last
    // page may not be counted yet. Wait until it is (each look is a request too, so this ends).
    const served = async (): Promise<number> => Number(/^Total Accesses: (\d+)$/m.exec(await (await fetch(page())).text())?.[1] ?? 0);
    const before = first.values.get('web.TotalAccesses') ?? 0;
    for (const until = Date.now() + 5_000; (await served()) < before + 41 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
    const second = await h.step({ time: now() });
    await h.close();
    expect(second.result.error).toBeUndefined();
    const v = second.values;
    // Apache counts the status requests too: the first reading's, and the looks above.
    expect((v.get('web.TotalAccesses') ?? 0) - before).toBeGreaterThanOrEqual(41);
    expect(v.get('web.BusyWorkers')).toBeGreaterThanOrEqual(1); // the worker answering us
    expect(v.get('web.WritingWorkers')).toBeGreaterThanOrEqual(1);
    const text = await (await fetch(page())).text();
    const slots = /Scoreboard: (\S+)/.exec(text)?.[1]?.replace(/\./g, '').length ?? 0;
    const states = ['Idle', 'Reading', 'Writing', 'Keepalive', 'Dns', 'Closing', 'Logging', 'Finishing', 'Cleanup'].map((s) => v.get(`web.${s}Workers`) ?? 0);
    // The scoreboard's other letters (S starting, G in 2.4 is graceful) are not a Diamond state.
    expect(states.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(slots);
    expect(v.get('web.IdleWorkers')).toBeGreaterThan(0);
    for (const name of ['web.ServerUptimeSeconds', 'web.ConnsTotal', 'web.CPUUser', 'web.TotalkBytes']) expect(v.has(name), name).toBe(true);
    expect([...v.keys()].some((name) => /Uptime$|Load1|ServerVersion/.test(name))).toBe(false);
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
  });

  it('a page that is down fails the run naming its URL; the other page is still published', async () => {
    const silent = await startSilentServer();
    const h = new CollectorHarness(collector, {
      live: true,
      clock: now,
      options: { urls: [`web ${page()}`, `dead http://127.0.0.1:${silent.port}/server-status?auto`], request_timeout: 0.5 },
    });
    const step = await h.step({ time: now() });
    await h.close();
    await silent.close();
    expect(step.result.error?.message).toContain(`GET http://127.0.0.1:${silent.port}/server-status?auto failed: UND_ERR_HEADERS_TIMEOUT`);
    expect(step.values.get('web.TotalAccesses')).toBeGreaterThan(0);
    expect([...step.values.keys()].some((name) => name.startsWith('dead.'))).toBe(false);
  });

  it('a page that is not mod_status fails the run saying so', async () => {
    const h = harness({ urls: [`${apache.url}/index.html`] });
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error?.message).toBe(
      `GET ${apache.url}/index.html answered not an Apache mod_status page in ?auto format (no \`Total Accesses:\`, \`BusyWorkers:\` or \`Scoreboard:\` line)`,
    );
    expect(step.samples).toEqual([]);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { urls: [`web ${page()}`] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

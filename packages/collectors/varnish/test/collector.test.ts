// Diamond's VarnishCollector tests (its recorded varnishstat -1 of Varnish 3.0 and 4.0 through a
// stand-in: the testcases, with the values each test asserts in diamond.json), and Debian's
// varnish (7.x) of the tests' own in front of an nginx.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';
import collector, { varnishCounters } from '@spinel/collector-varnish';
import { haveNginx, startNginx, type NginxServer } from '../../../../tooling/services/nginx.mjs';
import { haveVarnish, startVarnish, VARNISHSTAT, type VarnishServer } from '../../../../tooling/services/varnish.mjs';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

describe('varnishstat -1', () => {
  it("reads Varnish 4 and later's names when any line is MAIN., though the first is MGT.uptime since 4.1 (Diamond looked at the first only)", () => {
    const output =
      'MGT.uptime  2  0.67  Management process uptime\nMAIN.uptime  3  1.00  Child process uptime\nMAIN.cache_hit  7  0.00  Cache hits\nMAIN.not_diamonds  1  0.00  x\n';
    expect(varnishCounters(output)).toEqual([
      ['MGT.uptime', 2],
      ['MAIN.uptime', 3],
      ['MAIN.cache_hit', 7],
    ]);
  });
});

if (!haveVarnish || !haveNginx)
  console.log(
    'varnish collector: varnish or nginx is missing (apt-get install varnish nginx-light; .ci/run does), so the test against a real Varnish is skipped',
  );

describe.skipIf(!haveVarnish || !haveNginx)('varnish collector against a real Varnish', () => {
  let web: NginxServer;
  let varnish: VarnishServer;
  beforeAll(async () => {
    web = await startNginx();
    varnish = await startVarnish({ backend: `127.0.0.1:${web.port}` });
    for (let i = 0; i < 4; i++) await (await fetch(varnish.url)).text();
  }, 60_000);
  afterAll(async () => Promise.all([varnish?.stop(), web?.stop()]));

  it('publishes its counters: the requests it served, its hits and misses, every name in the catalogue', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { bin: VARNISHSTAT, args: ['-n', varnish.dir] } });
    // A worker thread adds its counts to the shared ones in batches, or once it is idle: read until they are there.
    let step = await h.step({ time: 1 });
    for (let i = 0; i < 50 && (step.values.get('MAIN.client_req') ?? 0) < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      step = await h.step({ time: 2 + i });
    }
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(step.values.get('MAIN.client_req')).toBeGreaterThanOrEqual(4);
    expect((step.values.get('MAIN.cache_hit') ?? 0) + (step.values.get('MAIN.cache_miss') ?? 0)).toBeGreaterThanOrEqual(1);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('an instance that is not there fails the run naming the command and what varnishstat said', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { bin: VARNISHSTAT, args: ['-n', `${varnish.dir}-missing`, '-t', '0'] } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe(
      `${VARNISHSTAT} -n ${varnish.dir}-missing -t 0 -1 failed: exited with code 1: Could not get hold of varnishd, is it running?`,
    );
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { bin: VARNISHSTAT, args: ['-n', varnish.dir] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

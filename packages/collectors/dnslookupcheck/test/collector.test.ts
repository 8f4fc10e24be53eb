import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { CollectorHarness, measureRetained } from '@spinel/testing';
import collector from '@spinel/collector-dnslookupcheck';
import { haveDnsmasq, startDnsmasq, type DnsmasqServer } from '../../../../tooling/services/dnsmasq.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveDnsmasq)
  console.log('dnslookupcheck collector: dnsmasq is missing (apt-get install dnsmasq-base; .ci/run does), so the tests against a real DNS server are skipped');

const harness = (options: Record<string, unknown>) => new CollectorHarness(collector, { live: true, options });

describe('dnslookupcheck options', () => {
  it('names a bad nameserver, an empty list and a timeout past the run', () => {
    const issues = (options: Record<string, unknown>) =>
      validatePluginOptions(collector, options).issues.map((i) => `${i.key}: ${i.expected}, found ${i.found}`);
    expect(issues({ dnsAddressList: 'host01.example.com, example.com', nameserver: '127.0.0.1:5353' })).toEqual([]);
    expect(issues({ nameserver: 'dns.example.com' })).toEqual([
      'nameserver: an IP address, optionally with :port (IPv6 as [address]:port), found "dns.example.com"',
    ]);
    expect(issues({ dnsAddressList: [] })).toEqual(['dnsAddressList: at least one host name, found an empty list']);
    expect(issues({ lookup_timeout: 90 })).toEqual(['lookup_timeout: less than 60 seconds, found 90']);
  });
});

describe('dnslookupcheck through the system resolver', () => {
  it('checks in a name /etc/hosts resolves (localhost), as gethostbyname did', async () => {
    const h = harness({ ttl: 150, dnsAddressList: ['localhost'] });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(Object.fromEntries(step.checks)).toEqual({ localhost: 150 });
  });
});

describe.skipIf(!haveDnsmasq)('dnslookupcheck against a real DNS server (dnsmasq)', () => {
  let dns: DnsmasqServer;
  let silent: Socket;
  let silentPort = 0;
  beforeAll(async () => {
    dns = await startDnsmasq({ 'web.spinel.test': '10.0.0.7', 'db.spinel.test': '10.0.0.8' });
    silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    silentPort = silent.address().port;
  });
  afterAll(async () => {
    silent.close();
    await dns.stop();
  });

  it("checks in each name that resolves; the run's error names the one that does not, and why", async () => {
    const h = harness({ ttl: 120, nameserver: dns.address, dnsAddressList: ['web.spinel.test', 'missing.spinel.test', 'db.spinel.test'] });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(Object.fromEntries(step.checks)).toEqual({ 'web.spinel.test': 120, 'db.spinel.test': 120 });
    expect(step.samples).toEqual([]);
    expect(step.result.error?.message).toBe('1 of 3 names did not resolve: missing.spinel.test (ENOTFOUND)');
  });

  it('stops checking in while the server is down, and again once it is back', async () => {
    const h = harness({ nameserver: dns.address, dnsAddressList: ['web.spinel.test'], lookup_timeout: 0.5 });
    const up = await h.step({ time: 1 });
    await dns.stop();
    const down = await h.step({ time: 2 });
    await dns.start();
    const back = await h.step({ time: 3 });
    await h.close();
    expect([...up.checks.keys()]).toEqual(['web.spinel.test']);
    expect([...down.checks]).toEqual([]);
    expect(down.result.error?.message).toMatch(/^1 of 1 names did not resolve: web\.spinel\.test \((ECONNREFUSED|ETIMEOUT|.*no answer within 0\.5 s)\)$/);
    expect([...back.checks.keys()]).toEqual(['web.spinel.test']);
  });

  it('gives up on a server that never answers after lookup_timeout, well within the run', async () => {
    const h = harness({ nameserver: `127.0.0.1:${silentPort}`, dnsAddressList: ['web.spinel.test'], lookup_timeout: 0.3 });
    const started = performance.now();
    const step = await h.step({ time: 1 });
    await h.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect([...step.checks]).toEqual([]);
    expect(step.result.error?.message).toMatch(/^1 of 1 names did not resolve: web\.spinel\.test \((ETIMEOUT|.*no answer within 0\.3 s)\)$/);
  });

  it('keeps nothing from run to run: 200 runs of lookups leave the retained heap flat', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { nameserver: dns.address, dnsAddressList: ['web.spinel.test', 'db.spinel.test'] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

// Against Debian's snmpd on a free port: the host's own IF-MIB, compared with /sys/class/net.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { interfaceSegment } from '@spinel/collector-snmpinterface';
import { haveSnmpd, startSnmpd, type SnmpdServer } from '../../../../tooling/services/snmpd.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveSnmpd) console.log('snmpinterface collector: snmpd is missing (apt-get install snmpd; .ci/run does), so the tests against a real agent are skipped');

/** The host's interfaces of a link type (1: Ethernet, which IF-MIB calls ethernetCsmacd, 6; 772: loopback). */
const linksOfType = (type: number): string[] =>
  readdirSync('/sys/class/net')
    .filter((name) => Number(readFileSync(`/sys/class/net/${name}/type`, 'utf8')) === type)
    .sort();

describe('interface names', () => {
  it("are Diamond's: quotes dropped, non-word characters _", () => {
    expect(interfaceSegment('"GigabitEthernet0/1.100"')).toBe('GigabitEthernet0_1_100');
  });
});

describe.skipIf(!haveSnmpd)('snmpinterface collector against a real snmpd', () => {
  let snmpd: SnmpdServer;
  beforeAll(async () => {
    snmpd = await startSnmpd();
  });
  afterAll(async () => snmpd?.stop());
  const harness = (options: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, {
      live: true,
      clock: () => Date.now() / 1000,
      options: { devices: { router1: { host: snmpd.host, port: String(snmpd.port), community: 'public' } }, ...options },
      settings: { interval: 1, collectorPath: 'interface' },
    });

  it('every Ethernet interface of the host, under devices.<device>.interface.<name>: errors and discards as totals, traffic in bits and bytes and packets as rates', async () => {
    const h = harness();
    await h.step({ time: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const step = await h.step({ time: 2 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const names = [...step.values.keys()];
    const interfaces = [...new Set(names.map((n) => n.split('.')[3]))].sort();
    expect(interfaces).toEqual(linksOfType(1).map(interfaceSegment));
    const eth = interfaces[interfaces.length - 1];
    const figures = names
      .filter((n) => n.startsWith(`devices.router1.interface.${eth}.`))
      .map((n) => n.split('.')[4])
      .sort();
    expect(figures).toEqual([
      'ifHCInbit',
      'ifHCInbyte',
      'ifHCOutbit',
      'ifHCOutbyte',
      'ifInBroadcastPkts',
      'ifInDiscards',
      'ifInErrors',
      'ifInMulticastPkts',
      'ifInUcastPkts',
      'ifOutBroadcastPkts',
      'ifOutDiscards',
      'ifOutErrors',
      'ifOutMulticastPkts',
      'ifOutUcastPkts',
    ]);
    const value = (figure: string) => step.values.get(`devices.router1.interface.${eth}.${figure}`) ?? Number.NaN;
    expect(value('ifHCInbit')).toBeCloseTo(8 * value('ifHCInbyte'), 0);
    expect(value('ifInErrors')).toBe(Number(readFileSync(`/sys/class/net/${eth}/statistics/rx_errors`, 'utf8')));
    expect(step.samples.find((s) => s.name.endsWith('.ifInErrors'))?.type).toBe('counter');
    expect(step.samples.find((s) => s.name.endsWith('.ifHCInbyte'))?.type).toBe('rate');
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('interface_types picks other interfaces: 24 is the loopback', async () => {
    const h = harness({ interface_types: ['24'] });
    const step = await h.step({ time: 1 });
    await h.close();
    expect([...new Set([...step.values.keys()].map((n) => n.split('.')[3]))]).toEqual(linksOfType(772));
  });

  it('a device that does not answer is named; the others are published', async () => {
    const h = harness({
      request_timeout: 0.3,
      retries: 0,
      devices: { router1: { host: snmpd.host, port: snmpd.port }, router2: { host: snmpd.host, port: snmpd.port, community: 'guess' } },
    });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe(`device router2 (${snmpd.host}:${snmpd.port}): Request timed out`);
    expect([...step.values.keys()].some((n) => n.startsWith('devices.router1.'))).toBe(true);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { devices: { router1: { host: snmpd.host, port: snmpd.port } } }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

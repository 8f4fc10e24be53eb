// Against Debian's snmpd on a free port (tooling/services/snmpd.mjs): the host's own UCD load
// averages and IF-MIB tables, read as the Metricly agent's SNMPCollector reads them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { publishedName } from '@spinel/collector-snmp';
import { haveSnmpd, startSnmpd, type SnmpdServer } from '../../../../tooling/services/snmpd.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveSnmpd) console.log('snmp collector: snmpd is missing (apt-get install snmpd; .ci/run does), so the tests against a real agent are skipped');

/** The Metricly agent's SNMPCollector.conf device, pointed at the test's agent. */
const stockDevice = (snmpd: SnmpdServer) => ({
  host: snmpd.host,
  port: String(snmpd.port),
  community: 'public',
  oids: { '1.3.6.1.4.1.2021.10.1.3.1': 'cpu.load.1min', '1.3.6.1.4.1.2021.10.1.3.2': 'cpu.load.5min', '1.3.6.1.4.1.2021.10.1.3.3': 'cpu.load.10min' },
});

describe('snmp options and names', () => {
  it("names a value as the fork did: the configured OID replaced by its name, the device's dots as _", () => {
    expect(publishedName('my.router', '1.3.6.1.4.1.2021.10.1.3.1', 'cpu.load.1min', '1.3.6.1.4.1.2021.10.1.3.1')).toBe('devices.my_router.cpu.load.1min');
    expect(publishedName('r1', '1.3.6.1.2.1.2.2.1.10', 'ifInOctets', '1.3.6.1.2.1.2.2.1.10.2')).toBe('devices.r1.ifInOctets.2');
  });

  it('refuses a device without host or OIDs, a port out of range and an OID that is not numeric, naming it', () => {
    const issue = (device: unknown) => validatePluginOptions(collector, { devices: { r1: device } }).issues.map((i) => i.expected)[0] ?? '';
    expect(issue({ host: 'r1', oids: { '1.3.6.1.2.1.1.3.0': 'uptime' } })).toBe('');
    expect(issue({ oids: { '1.3.6.1.2.1.1.3.0': 'uptime' } })).toContain('host as a name or address');
    expect(issue({ host: 'r1', port: 70000, oids: { '1.3.6.1.2.1.1.3.0': 'uptime' } })).toContain('port from 1 to 65535');
    expect(issue({ host: 'r1', oids: { sysUpTime: 'uptime' } })).toContain('numeric OIDs');
    expect(issue({ host: 'r1' })).toContain('oids with at least one OID');
  });
});

describe.skipIf(!haveSnmpd)('snmp collector against a real snmpd', () => {
  let snmpd: SnmpdServer;
  beforeAll(async () => {
    snmpd = await startSnmpd();
  });
  afterAll(async () => snmpd?.stop());

  it("the Metricly agent's stock OIDs: the host's load averages, as /proc/loadavg has them", async () => {
    const h = new CollectorHarness(collector, { live: true, options: { devices: { 'my-identification-for-this-host': stockDevice(snmpd) } } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
    const values = Object.fromEntries(step.values);
    expect(Object.keys(values).sort()).toEqual([
      'devices.my-identification-for-this-host.cpu.load.10min',
      'devices.my-identification-for-this-host.cpu.load.1min',
      'devices.my-identification-for-this-host.cpu.load.5min',
    ]);
    expect(Math.abs((values['devices.my-identification-for-this-host.cpu.load.1min'] ?? -9) - (one ?? 0))).toBeLessThan(1.5);
    expect(Math.abs((values['devices.my-identification-for-this-host.cpu.load.5min'] ?? -9) - (five ?? 0))).toBeLessThan(1);
    expect(Math.abs((values['devices.my-identification-for-this-host.cpu.load.10min'] ?? -9) - (fifteen ?? 0))).toBeLessThan(1);
    expect(catalogueProblems(collector, step.samples, false)).toEqual([]);
  });

  it("an OID ending in .* is walked: each interface's octets under the name and its ifIndex, one per interface the host has", async () => {
    const h = new CollectorHarness(collector, {
      live: true,
      options: {
        devices: { 'lab.host': { host: snmpd.host, port: snmpd.port, oids: { '1.3.6.1.2.1.2.2.1.10.*': 'ifInOctets', '1.3.6.1.2.1.1.3.0': 'sysUpTime' } } },
      },
    });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const interfaces = readFileSync('/proc/net/dev', 'utf8').trim().split('\n').length - 2;
    expect([...step.values.keys()].filter((k) => /^devices\.lab_host\.ifInOctets\.\d+$/.test(k))).toHaveLength(interfaces);
    expect(step.values.get('devices.lab_host.sysUpTime')).toBeGreaterThanOrEqual(0);
  });

  it('a device that does not answer (a wrong community) is named after its timeout and retries; the others are published', async () => {
    const h = new CollectorHarness(collector, {
      live: true,
      options: { request_timeout: 0.3, retries: 1, devices: { good: stockDevice(snmpd), wrong: { ...stockDevice(snmpd), community: 'guess' } } },
    });
    const started = performance.now();
    const step = await h.step({ time: 1 });
    await h.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(step.result.error?.message).toBe(`device wrong (${snmpd.host}:${snmpd.port}): Request timed out`);
    expect(step.values.get('devices.good.cpu.load.1min')).toBeGreaterThanOrEqual(0);
  });

  it('a walk past max_values fails its device, naming the limit', async () => {
    const h = new CollectorHarness(collector, {
      live: true,
      options: { max_values: 5, devices: { big: { host: snmpd.host, port: snmpd.port, oids: { '1.3.6.1.2.1.*': 'mib2' } } } },
    });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toContain('walk of 1.3.6.1.2.1 passed max_values (5)');
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { devices: { host: stockDevice(snmpd) } }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

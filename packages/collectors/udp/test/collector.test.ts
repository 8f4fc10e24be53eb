import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, collectOnce, compareExpected, CollectorHarness, readTestcases, runTestcase } from '@spinel/testing';
import collector from '@spinel/collector-udp';

const testcases = readTestcases(fileURLToPath(new URL('./testcases', import.meta.url)));
const LIVE_FILE = path.join(process.env.HOST_PROC ?? '/proc', 'net/snmp');

describe('udp collector', () => {
  it('has testcases', () => {
    expect(testcases.length).toBeGreaterThan(0);
  });

  it.each(testcases.map((t) => [t.name, t] as const))('testcase %s publishes the expected values', async (_name, testcase) => {
    const step = await runTestcase(collector, testcase);
    expect(step.result.error).toBeUndefined();
    expect(compareExpected(step, testcase)).toEqual([]);
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
  });

  it('publishes nothing and reports no error when its procfs file is missing', async () => {
    const step = await collectOnce(collector, { proc: {} });
    expect(step.result.error).toBeUndefined();
    expect(step.samples).toEqual([]);
  });

  it('fails the run, naming the file and the expected shape, on a garbled file', async () => {
    const step = await collectOnce(collector, { proc: { 'net/snmp': 'Udp: InDatagrams\nUdp: x\n' } });
    expect(step.result.error?.code).toBe('SPINEL_PROC_MALFORMED');
    expect(step.result.error?.message).toContain('snmp: expected numbers in the Udp: line');
  });

  it('publishes from the live host, every metric in its catalogue', async () => {
    const harness = new CollectorHarness(collector, { live: true, options: { allowed_names: [] }, settings: { interval: 1 } });
    await harness.step({ time: 1 });
    const step = await harness.step({ time: 2 });
    await harness.close();
    expect(step.result.error).toBeUndefined();
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
    if (existsSync(LIVE_FILE)) expect(step.samples.length).toBeGreaterThan(0);
    else {
      console.log(`udp: ${LIVE_FILE} does not exist on this host, so the live run must publish nothing`);
      expect(step.samples).toEqual([]);
    }
  });
});

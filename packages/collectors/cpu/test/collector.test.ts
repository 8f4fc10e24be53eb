import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, collectOnce, compareExpected, readTestcases, runTestcase } from '@spinel/testing';
import collector from '@spinel/collector-cpu';

const testcases = readTestcases(fileURLToPath(new URL('./testcases', import.meta.url)));

describe('cpu collector', () => {
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

  it('publishes from the live host, every metric in its catalogue', async () => {
    const { CollectorHarness } = await import('@spinel/testing');
    const harness = new CollectorHarness(collector, { live: true, settings: { interval: 1 } });
    await harness.step({ time: 1 });
    const step = await harness.step({ time: 2 });
    await harness.close();
    expect(step.result.error).toBeUndefined();
    expect(step.samples.length).toBeGreaterThan(0);
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
  });
});

describe('cpu collector on bad input', () => {
  it('fails the run with the file named when /proc/stat is garbled', async () => {
    const step = await collectOnce(collector, { proc: { stat: 'cpu  12 abc 4\n' } });
    expect(step.result.error?.code).toBe('SPINEL_PROC_MALFORMED');
    expect(step.result.error?.message).toMatch(/stat: expected cpu lines of at least 4 non-negative counters/);
    expect(step.samples).toEqual([]);
  });

  it('publishes per-core dimensions', async () => {
    const { CollectorHarness } = await import('@spinel/testing');
    const harness = new CollectorHarness(collector);
    await harness.step({ time: 0, proc: { stat: 'cpu 1 1 1 1\ncpu0 1 1 1 1\n' } });
    const step = await harness.step({ time: 10, proc: { stat: 'cpu 11 1 1 1\ncpu0 11 1 1 1\n' } });
    await harness.close();
    const user = step.samples.find((s) => s.name === 'cpu0.user');
    expect(user).toMatchObject({ path: 'servers.testhost.cpu.cpu0.user', value: 1, type: 'rate', dimensions: { cpu: 'cpu0' } });
  });
});

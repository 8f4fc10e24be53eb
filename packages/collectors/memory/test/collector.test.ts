import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, collectOnce, compareExpected, readTestcases, runTestcase } from '@spinel/testing';
import collector from '@spinel/collector-memory';

const testcases = readTestcases(fileURLToPath(new URL('./testcases', import.meta.url)));

describe('memory collector', () => {
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

describe('memory collector on bad input', () => {
  it('fails the run with the file named when sizes are not in kB', async () => {
    const step = await collectOnce(collector, { proc: { meminfo: 'MemTotal: 100 parsecs\n' } });
    expect(step.result.error?.message).toMatch(/meminfo: expected sizes in kB/);
  });
  it('fails the run when MemTotal is missing from a non-empty file', async () => {
    const step = await collectOnce(collector, { proc: { meminfo: 'garbage\n' } });
    expect(step.result.error?.message).toMatch(/meminfo: expected a MemTotal line/);
  });
});

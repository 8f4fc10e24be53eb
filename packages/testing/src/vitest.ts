// The standard collector test suite, for vitest: testcases, the catalogue contract, a missing
// file, a garbled file and a live run. Spinel's collectors use it; so can third-party ones.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CollectorDefinition, OptionsSchema, Sample } from '@spinel/sdk';
import { collectOnce, CollectorHarness } from './collector-harness.js';
import { catalogueProblems } from './contract.js';
import type { FakeFiles } from './fake-fs.js';
import { measureRetained, type CollectorRound } from './leak.js';
import { expectedOutput, readHandlerTestcases } from './handler-testcases.js';
import { compareExpected } from './testcase-compare.js';
import { readTestcases } from './testcase-files.js';
import { runTestcase } from './testcase-run.js';
import type { Testcase } from './testcases.js';

export interface CollectorSuiteOptions {
  /** Folder of `testcases/<case>/` fixtures. */
  testcases: string;
  /** A damaged input and the text its error message must contain; `options` for both this and the missing-files run (a collector that reads only what its options name). */
  garbled: { proc: FakeFiles; message: string; options?: Record<string, unknown> };
  /** Options for the live run, and the host file whose presence means it must publish. */
  live?: { options?: Record<string, unknown>; file: string };
  /** Input for each round of the leak test: new distinct names wherever the collector has them. */
  leak: { options?: Record<string, unknown>; perRound: (round: number) => CollectorRound };
}

/** The leak budget: retained heap may grow by less than this per round once warm. */
export const LEAK_BYTES_PER_ROUND = 1024;

/**
 * A collector's golden testcases, one test each: the whole output of the last step, value, type,
 * dimensions and path, and every name in the catalogue. For collectors whose other tests need
 * real servers rather than the standard suite's fake host files.
 */
export function collectorTestcaseSuite<S extends OptionsSchema>(collector: CollectorDefinition<S, unknown>, dir: string): void {
  describe(`${collector.name} collector testcases`, () => testcaseTests(collector, readTestcases(dir)));
}

function testcaseTests<S extends OptionsSchema>(collector: CollectorDefinition<S, unknown>, testcases: Testcase[]): void {
  it('has testcases', () => {
    expect(testcases.length).toBeGreaterThan(0);
  });

  it.each(testcases.map((t) => [t.name, t] as const))('testcase %s publishes the expected output', async (_name, testcase) => {
    const step = await runTestcase(collector, testcase);
    expect(compareExpected(step, testcase, collector.path)).toEqual([]);
    expect(catalogueProblems(collector, step.samples, Object.keys(testcase.options).length === 0)).toEqual([]);
  });

  const ported = testcases.filter((t) => t.diamond !== undefined);
  if (ported.length > 0) {
    it.each(ported.map((t) => [t.name, t.diamond?.test ?? '', t] as const))(
      "testcase %s publishes what Diamond's %s asserts",
      async (_name, _test, testcase) => {
        const published = testcase.diamond?.published ?? {};
        const step = await runTestcase(collector, testcase);
        // Equal but for float rounding (Diamond's own assertPublished compares to 0 places).
        const differs = (actual: number | undefined, expected: number): boolean =>
          actual === undefined || Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected));
        const problems = Object.entries(published).flatMap(([name, expected]) =>
          differs(step.values.get(name), expected) ? [`${name}: Diamond's test asserts ${expected}, published ${step.values.get(name) ?? 'nothing'}`] : [],
        );
        expect(problems).toEqual([]);
      },
    );
  }
}

export function collectorContractSuite<S extends OptionsSchema>(collector: CollectorDefinition<S, unknown>, suite: CollectorSuiteOptions): void {
  const testcases = readTestcases(suite.testcases);

  describe(`${collector.name} collector (standard suite)`, () => {
    testcaseTests(collector, testcases);

    it('publishes nothing and reports no error when its host files are missing', async () => {
      const step = await collectOnce(collector, { proc: {} }, { options: suite.garbled.options ?? {} });
      expect(step.result.error).toBeUndefined();
      expect(step.samples).toEqual([]);
      expect([...step.checks]).toEqual([]);
    });

    it('fails the run, naming the file and the expected shape, on a garbled file', async () => {
      const step = await collectOnce(collector, { proc: suite.garbled.proc }, { options: suite.garbled.options ?? {} });
      expect(step.result.error?.code).toBe('SPINEL_PROC_MALFORMED');
      expect(step.result.error?.message).toContain(suite.garbled.message);
    });

    it(`retains under ${LEAK_BYTES_PER_ROUND} bytes per round over 200 rounds of new input`, async () => {
      const report = await measureRetained(
        { collector, options: suite.leak.options ?? {}, perRound: suite.leak.perRound },
        { rounds: 200, warmup: 20, objectCounts: false },
      );
      expect(report.slopeBytesPerRound).toBeLessThan(LEAK_BYTES_PER_ROUND);
    }, 120_000);

    if (suite.live) {
      const live = suite.live;
      it('publishes from the live host, every metric in its catalogue', async () => {
        const harness = new CollectorHarness(collector, { live: true, options: live.options ?? {}, settings: { interval: 1 } });
        await harness.step({ time: 1 });
        const step = await harness.step({ time: 2 });
        await harness.close();
        expect(step.result.error).toBeUndefined();
        expect(catalogueProblems(collector, step.samples, Object.keys(live.options ?? {}).length === 0)).toEqual([]);
        if (existsSync(live.file)) expect(step.samples.length + step.checks.size).toBeGreaterThan(0);
        else {
          console.log(`${collector.name}: ${live.file} does not exist on this host, so the live run must publish nothing`);
          expect(step.samples).toEqual([]);
        }
      });
    }
  });
}

/**
 * A handler's testcases, one test each: `encode` turns the case's samples (and options) into the
 * exact wire output, compared whole with `expected.<ext>`.
 */
export function handlerTestcaseSuite(
  handler: string,
  dir: string,
  ext: string,
  encode: (samples: Sample[], options: Record<string, unknown>) => string | Promise<string>,
): void {
  const testcases = readHandlerTestcases(dir, ext);
  describe(`${handler} handler testcases`, () => {
    it('has testcases', () => {
      expect(testcases.length).toBeGreaterThan(0);
    });
    it.each(testcases.map((t) => [t.name, t] as const))('testcase %s writes the expected output', async (_name, testcase) => {
      const output = await encode(testcase.samples, testcase.options);
      expect(output).toBe(expectedOutput(testcase, output));
    });
  });
}

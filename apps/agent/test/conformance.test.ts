// Diamond conformance: runs every case of a cases file (SPINEL_CONFORMANCE_CASES, default the
// project's copy of Diamond's collector-test data) through @spinel/testing, one collector
// instance per case, each step with its fake procfs and fake clock; a service collector's case
// talks to a replay server that answers with the step's recorded responses. See
// conformance/diamond/README.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CollectorDefinition, FilesystemStats } from '@spinel/sdk';
import { almostEqual, CollectorHarness, fillPlaceholders, replayAnswers, startReplayServer, type ReplayProtocol } from '@spinel/testing';
import { ExpositionLint, havePrometheus } from './prometheus-lint.js';

interface ConformanceStep {
  time: number;
  proc: Record<string, string>;
  serve?: Record<string, string>;
  expect?: Record<string, [number, number]>;
  /** The run fails, its message containing this (Diamond logs the error and publishes nothing). */
  error?: string;
  /**
   * What statvfs(3) answers, by mount point, in Diamond's field names (`f_frsize`, `f_blocks`,
   * ...); `*` answers any other path, as the test's mocked `os.statvfs` does. Every path shares
   * one device id, as under Diamond's mocked `os.stat`.
   */
  statvfs?: Record<string, Record<string, number>>;
  /** Every published value whose name matches the pattern is at most the bound (Diamond's test_473). */
  at_most?: Record<string, number>;
  /** Published values whose names match are summed by the pattern's first group; each sum stays below the bound. */
  sum_below?: Record<string, number>;
  /** How many values the step publishes in all (Diamond's `len(publish_mock.call_args_list)`). */
  count?: number;
}

interface ConformanceCase {
  id: string;
  collector: string;
  replay?: ReplayProtocol;
  config: Record<string, unknown>;
  steps: ConformanceStep[];
}

const DEFAULT_CASES = fileURLToPath(new URL('../../../conformance/diamond/cases.json', import.meta.url));
const casesFile = path.resolve(process.env.SPINEL_CONFORMANCE_CASES ?? DEFAULT_CASES);
const cases = (JSON.parse(readFileSync(casesFile, 'utf8')) as { cases: ConformanceCase[] }).cases;
const fixture = (relative: string): string => readFileSync(path.join(path.dirname(casesFile), relative), 'utf8');

async function collectorNamed(name: string): Promise<CollectorDefinition> {
  const module = (await import(`@spinel/collector-${name}`)) as { default: CollectorDefinition };
  return module.default;
}

/** Diamond's statvfs result fields as the harness's filesystem table. */
function filesystems(statvfs: Record<string, Record<string, number>> | undefined): Record<string, FilesystemStats> | undefined {
  if (!statvfs) return undefined;
  const field = (fields: Record<string, number>, name: string): number => {
    const value = fields[`f_${name}`];
    if (value === undefined) throw new Error(`statvfs: f_${name} is missing`);
    return value;
  };
  return Object.fromEntries(
    Object.entries(statvfs).map(([at, f]) => [
      at,
      {
        dev: 1,
        ...Object.fromEntries(['bsize', 'frsize', 'blocks', 'bfree', 'bavail', 'files', 'ffree', 'favail'].map((n) => [n, field(f, n)])),
      } as FilesystemStats,
    ]),
  );
}

/** What a step's `at_most` and `sum_below` find wrong with its published values. */
function boundProblems(index: number, samples: ReadonlyArray<{ name: string; value: number }>, step: ConformanceStep): string[] {
  const problems: string[] = [];
  for (const [pattern, bound] of Object.entries(step.at_most ?? {})) {
    const matching = samples.filter((s) => new RegExp(pattern).test(s.name));
    if (matching.length === 0) problems.push(`step ${index + 1}: nothing published matches ${pattern}`);
    for (const s of matching) if (s.value > bound) problems.push(`step ${index + 1}: ${s.name} = ${s.value}, over ${bound}`);
  }
  for (const [pattern, bound] of Object.entries(step.sum_below ?? {})) {
    const sums = new Map<string, number>();
    for (const s of samples) {
      const group = new RegExp(pattern).exec(s.name)?.[1];
      if (group !== undefined) sums.set(group, (sums.get(group) ?? 0) + s.value);
    }
    if (sums.size === 0) problems.push(`step ${index + 1}: nothing published matches ${pattern}`);
    for (const [group, sum] of sums) if (sum >= bound) problems.push(`step ${index + 1}: ${group} sums to ${sum}, not below ${bound}`);
  }
  return problems;
}

// What every case published, for the last test: the same names through the prometheus handler.
const exposition = new ExpositionLint();

describe(`Diamond conformance (${path.relative(process.cwd(), casesFile)})`, () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, testcase) => {
    const definition = await collectorNamed(testcase.collector);
    const replay = testcase.replay ? await startReplayServer(testcase.replay) : undefined;
    const { interval = 10, ...options } = fillPlaceholders(testcase.config, { replay });
    const harness = new CollectorHarness(definition, { options, settings: { interval: Number(interval) } });
    const problems: string[] = [];
    try {
      for (const [index, step] of testcase.steps.entries()) {
        const proc = Object.fromEntries(Object.entries(step.proc).map(([relative, file]) => [relative, fixture(file)]));
        replay?.answer(replayAnswers(path.dirname(casesFile), step.serve ?? {}));
        const statfs = filesystems(step.statvfs);
        const result = await harness.step({ time: step.time, proc, ...(statfs ? { statfs } : {}) });
        exposition.add(definition, result.samples);
        const failure = result.result.error?.message;
        if (step.error === undefined && failure) problems.push(`step ${index + 1}: collector failed: ${failure}`);
        if (step.error !== undefined && !failure?.includes(step.error))
          problems.push(`step ${index + 1}: expected the run to fail with "${step.error}", ${failure ? `it failed with: ${failure}` : 'it did not fail'}`);
        if (step.count !== undefined && result.samples.length !== step.count)
          problems.push(
            `step ${index + 1}: ${result.samples.length} values published, expected ${step.count}: ${result.samples.map((s) => s.name).join(', ')}`,
          );
        problems.push(...boundProblems(index, result.samples, step));
        for (const [name, [value, places]] of Object.entries(step.expect ?? {})) {
          const actual = result.values.get(name);
          if (actual === undefined) problems.push(`step ${index + 1}: ${name} not published (expected ${value})`);
          else if (!almostEqual(actual, value, places)) problems.push(`step ${index + 1}: ${name} = ${actual}, expected ${value} to ${places} places`);
        }
      }
      if (replay && replay.unanswered.length > 0) problems.push(`asked for what the recording lacks: ${[...new Set(replay.unanswered)].join(', ')}`);
    } finally {
      await harness.close();
      await replay?.close();
    }
    expect(problems).toEqual([]);
  });

  it.skipIf(!havePrometheus)('what the cases published is a scrape promtool accepts from the prometheus handler (runs after the cases)', () => {
    expect(exposition.size).toBeGreaterThan(0);
    expect(exposition.problems()).toBe('');
  });
});

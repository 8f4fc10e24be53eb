import { TEST_HOST, type StepResult } from './collector-harness.js';
import type { Expected, ExpectedSample, Testcase } from './testcases.js';

/** Python's assertAlmostEqual: round(actual - expected, places) == 0. */
export function almostEqual(actual: number, expected: number, places: number): boolean {
  const factor = 10 ** places;
  return Math.round((actual - expected) * factor) / factor === 0;
}

function asExpectedSample(expected: Expected): Partial<ExpectedSample> {
  if (typeof expected === 'number') return { value: expected, places: 10 };
  if (Array.isArray(expected)) return { value: expected[0], places: expected[1] };
  return expected;
}

function valueProblem(name: string, actual: number, expected: Partial<ExpectedSample>): string | undefined {
  if (expected.between) {
    const [low, high] = expected.between;
    return actual >= low && actual <= high ? undefined : `${name}: expected between ${low} and ${high}, published ${actual}`;
  }
  const value = expected.value ?? Number.NaN;
  const places = expected.places ?? 10;
  return almostEqual(actual, value, places) ? undefined : `${name}: expected ${value} (to ${places} places), published ${actual}`;
}

const dimensionsText = (dimensions: Readonly<Record<string, string>> | undefined): string =>
  JSON.stringify(Object.fromEntries(Object.entries(dimensions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))));

/** Differences between a step and a testcase's expectations, as readable lines (empty = pass). */
export function compareExpected(
  step: StepResult & { unanswered?: string[] },
  testcase: Pick<Testcase, 'expected' | 'absent'> & Partial<Pick<Testcase, 'checks' | 'error'>>,
  collectorPath?: string,
): string[] {
  const problems: string[] = [];
  const failure = step.result.error?.message;
  if (testcase.error === undefined && failure !== undefined) problems.push(`the run failed: ${failure}`);
  if (testcase.error !== undefined && !failure?.includes(testcase.error))
    problems.push(`expected the run to fail with "${testcase.error}", ${failure === undefined ? 'it did not fail' : `it failed with: ${failure}`}`);
  const byName = new Map(step.samples.map((s) => [s.name, s]));
  if (byName.size !== step.samples.length)
    problems.push(
      `names published more than once: ${step.samples
        .filter((s, i) => step.samples.findIndex((o) => o.name === s.name) !== i)
        .map((s) => s.name)
        .join(', ')}`,
    );
  for (const [name, raw] of Object.entries(testcase.expected)) {
    const expected = asExpectedSample(raw);
    const actual = byName.get(name);
    if (actual === undefined) {
      problems.push(`${name}: expected ${expected.between ? `between ${expected.between.join(' and ')}` : expected.value}, not published`);
      continue;
    }
    const problem = valueProblem(name, actual.value, expected);
    if (problem) problems.push(problem);
    if (typeof raw !== 'object' || Array.isArray(raw)) continue;
    if (actual.type !== raw.type) problems.push(`${name}: expected type ${raw.type}, published as ${actual.type}`);
    if (dimensionsText(actual.dimensions) !== dimensionsText(raw.dimensions))
      problems.push(`${name}: expected dimensions ${dimensionsText(raw.dimensions)}, published ${dimensionsText(actual.dimensions)}`);
    const path = raw.path ?? (collectorPath === undefined ? undefined : `servers.${TEST_HOST}.${collectorPath}.${name}`);
    if (path !== undefined && actual.path !== path) problems.push(`${name}: expected path ${path}, published ${actual.path}`);
  }
  for (const name of testcase.absent) if (step.values.has(name)) problems.push(`${name}: expected not to be published, published ${step.values.get(name)}`);
  for (const [name, value] of step.values) {
    if (!(name in testcase.expected) && !testcase.absent.includes(name))
      problems.push(
        `${name}: published ${value}, not in expected.json (the whole output is expected; \`pnpm testcases:update\` rewrites it when the change is intended)`,
      );
  }
  const checks = testcase.checks ?? {};
  for (const [name, ttl] of Object.entries(checks)) {
    const actual = step.checks.get(name);
    if (actual !== ttl) problems.push(`check ${name}: expected a check-in with ttl ${ttl}, ${actual === undefined ? 'none made' : `made with ttl ${actual}`}`);
  }
  for (const [name, ttl] of step.checks) if (!(name in checks)) problems.push(`check ${name}: checked in (ttl ${ttl}), not in expected.json's checks`);
  for (const request of step.unanswered ?? []) problems.push(`asked the replay server for ${request}, which the recording lacks`);
  return problems;
}

/**
 * A step's whole output as `expected.json` samples: each value as published (exact for integers,
 * to 6 places otherwise; a value the previous golden bounds with `between` keeps its bounds), its
 * type, its dimensions and, where not the default, its path.
 */
export function goldenSamples(step: StepResult, collectorPath: string, previous: Readonly<Record<string, Expected>> = {}): Record<string, ExpectedSample> {
  const out: Record<string, ExpectedSample> = {};
  for (const sample of [...step.samples].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (sample.type === 'check') continue;
    const before = previous[sample.name];
    const bounds = before !== undefined && typeof before === 'object' && !Array.isArray(before) ? before.between : undefined;
    const entry: ExpectedSample = bounds
      ? { between: bounds, type: sample.type }
      : { value: sample.value, places: Number.isInteger(sample.value) ? 0 : 6, type: sample.type };
    if (sample.dimensions && Object.keys(sample.dimensions).length > 0)
      entry.dimensions = JSON.parse(dimensionsText(sample.dimensions)) as Record<string, string>;
    if (sample.path !== `servers.${TEST_HOST}.${collectorPath}.${sample.name}`) entry.path = sample.path;
    out[sample.name] = entry;
  }
  return out;
}

/** A step's check-ins as `expected.json` checks, by name. */
export function goldenChecks(step: StepResult): Record<string, number> {
  return Object.fromEntries([...step.checks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { CollectorDefinition, OptionsSchema } from '@spinel/sdk';
import { CollectorHarness, type StepResult } from './collector-harness.js';

/** Expected value: exact, or `[value, places]` compared like Python's assertAlmostEqual. */
export type Expected = number | [number, number];

export interface Testcase {
  name: string;
  dir: string;
  options: Record<string, unknown>;
  /** Folders holding each step's procfs, in order. */
  steps: string[];
  expected: Record<string, Expected>;
  /** Check-ins of the last step, name to ttl: the whole set (`expected.json`'s `checks`). */
  checks: Record<string, number>;
  /** Names that must not be published in the last step. */
  absent: string[];
  interval: number;
}

/**
 * Reads Telegraf-style fixtures: `testcases/<case>/` holding `options.yaml` (optional), either
 * `proc/` (one step) or `steps/<n>/proc/` (several, run in order, one interval apart), and
 * `expected.json`: `{ "samples": { "<short name>": value | [value, places] } }`, the whole
 * output of the last step (golden: `pnpm testcases:update` rewrites it from a run; read the diff).
 */
export function readTestcases(dir: string): Testcase[] {
  return caseFolders(dir).map(({ name, caseDir, options }) => {
    const stepsDir = path.join(caseDir, 'steps');
    const steps = existsSync(stepsDir)
      ? readdirSync(stepsDir)
          .sort()
          .map((s) => path.join(stepsDir, s, 'proc'))
      : [path.join(caseDir, 'proc')];
    const expected = JSON.parse(readFileSync(path.join(caseDir, 'expected.json'), 'utf8')) as { samples?: Record<string, Expected>; checks?: Record<string, number>; absent?: string[]; interval?: number };
    return { name, dir: caseDir, options, steps, expected: expected.samples ?? {}, checks: expected.checks ?? {}, absent: expected.absent ?? [], interval: expected.interval ?? 10 };
  });
}

/** The `<case>/` folders of a testcases folder, each with its options; none when the folder is missing. */
export function caseFolders(dir: string): Array<{ name: string; caseDir: string; options: Record<string, unknown> }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, caseDir: path.join(dir, d.name), options: readCaseOptions(path.join(dir, d.name)) }));
}

/** A testcase's `options.yaml`, or no options when it has none. */
export function readCaseOptions(caseDir: string): Record<string, unknown> {
  const file = path.join(caseDir, 'options.yaml');
  return existsSync(file) ? ((parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null) ?? {}) : {};
}

/** Runs a testcase's steps on one collector instance and returns the last step. */
export async function runTestcase<S extends OptionsSchema>(definition: CollectorDefinition<S, unknown>, testcase: Testcase): Promise<StepResult> {
  const harness = new CollectorHarness(definition, { options: testcase.options, settings: { interval: testcase.interval } });
  try {
    let last: StepResult | undefined;
    for (const [index, dir] of testcase.steps.entries()) {
      last = await harness.step({ time: 1_700_000_000 + index * testcase.interval, proc: { dir } });
    }
    if (!last) throw new Error(`testcase ${testcase.name} has no steps`);
    return last;
  } finally {
    await harness.close();
  }
}

/** Python's assertAlmostEqual: round(actual - expected, places) == 0. */
export function almostEqual(actual: number, expected: number, places: number): boolean {
  const factor = 10 ** places;
  return Math.round((actual - expected) * factor) / factor === 0;
}

/** Differences between a step and a testcase's expectations, as readable lines (empty = pass). */
export function compareExpected(step: StepResult, testcase: Pick<Testcase, 'expected' | 'absent'> & Partial<Pick<Testcase, 'checks'>>): string[] {
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(testcase.expected)) {
    const [value, places] = Array.isArray(expected) ? expected : [expected, 10];
    const actual = step.values.get(name);
    if (actual === undefined) problems.push(`${name}: expected ${value}, not published`);
    else if (!almostEqual(actual, value, places)) problems.push(`${name}: expected ${value} (to ${places} places), published ${actual}`);
  }
  for (const name of testcase.absent) if (step.values.has(name)) problems.push(`${name}: expected not to be published, published ${step.values.get(name)}`);
  for (const [name, value] of step.values) {
    if (!(name in testcase.expected) && !testcase.absent.includes(name)) problems.push(`${name}: published ${value}, not in expected.json (the whole output is expected; \`pnpm testcases:update\` rewrites it when the change is intended)`);
  }
  const checks = testcase.checks ?? {};
  for (const [name, ttl] of Object.entries(checks)) {
    const actual = step.checks.get(name);
    if (actual !== ttl) problems.push(`check ${name}: expected a check-in with ttl ${ttl}, ${actual === undefined ? 'none made' : `made with ttl ${actual}`}`);
  }
  for (const [name, ttl] of step.checks) if (!(name in checks)) problems.push(`check ${name}: checked in (ttl ${ttl}), not in expected.json's checks`);
  return problems;
}

/** A step's whole output as `expected.json` samples: each value as published, compared exactly for integers and to 6 places otherwise. */
export function goldenSamples(step: StepResult): Record<string, Expected> {
  const out: Record<string, Expected> = {};
  for (const name of [...step.values.keys()].sort()) {
    const value = step.values.get(name) ?? Number.NaN;
    out[name] = [value, Number.isInteger(value) ? 0 : 6];
  }
  return out;
}

/** A step's check-ins as `expected.json` checks, by name. */
export function goldenChecks(step: StepResult): Record<string, number> {
  return Object.fromEntries([...step.checks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// Diamond conformance: runs every case of a cases file (SPINEL_CONFORMANCE_CASES, default the
// project's copy of Diamond's collector-test data) through @spinel/testing, one collector
// instance per case, each step with its fake procfs and fake clock. See conformance/diamond/README.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CollectorDefinition } from '@spinel/sdk';
import { almostEqual, CollectorHarness } from '@spinel/testing';

interface ConformanceStep {
  time: number;
  proc: Record<string, string>;
  expect?: Record<string, [number, number]>;
}

interface ConformanceCase {
  id: string;
  collector: string;
  config: Record<string, unknown>;
  steps: ConformanceStep[];
}

const DEFAULT_CASES = fileURLToPath(new URL('../../../conformance/diamond/cases.json', import.meta.url));
const casesFile = path.resolve(process.env.SPINEL_CONFORMANCE_CASES ?? DEFAULT_CASES);
const cases = (JSON.parse(readFileSync(casesFile, 'utf8')) as { cases: ConformanceCase[] }).cases;

async function collectorNamed(name: string): Promise<CollectorDefinition> {
  const module = (await import(`@spinel/collector-${name}`)) as { default: CollectorDefinition };
  return module.default;
}

describe(`Diamond conformance (${path.relative(process.cwd(), casesFile)})`, () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, testcase) => {
    const definition = await collectorNamed(testcase.collector);
    const { interval = 10, ...options } = testcase.config;
    const harness = new CollectorHarness(definition, { options, settings: { interval: Number(interval) } });
    const problems: string[] = [];
    try {
      for (const [index, step] of testcase.steps.entries()) {
        const proc = Object.fromEntries(Object.entries(step.proc).map(([relative, fixture]) => [relative, readFileSync(path.join(path.dirname(casesFile), fixture), 'utf8')]));
        const result = await harness.step({ time: step.time, proc });
        if (result.result.error) problems.push(`step ${index + 1}: collector failed: ${result.result.error.message}`);
        for (const [name, [value, places]] of Object.entries(step.expect ?? {})) {
          const actual = result.values.get(name);
          if (actual === undefined) problems.push(`step ${index + 1}: ${name} not published (expected ${value})`);
          else if (!almostEqual(actual, value, places)) problems.push(`step ${index + 1}: ${name} = ${actual}, expected ${value} to ${places} places`);
        }
      }
    } finally {
      await harness.close();
    }
    expect(problems).toEqual([]);
  });
});

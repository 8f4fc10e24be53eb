// Diamond conformance: runs every case of a cases file (SPINEL_CONFORMANCE_CASES, default the
// project's copy of Diamond's collector-test data) through @spinel/testing, one collector
// instance per case, each step with its fake procfs and fake clock; a service collector's case
// talks to a replay server that answers with the step's recorded responses. See
// conformance/diamond/README.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CollectorDefinition } from '@spinel/sdk';
import { almostEqual, CollectorHarness, startReplayServer, type ReplayAnswer, type ReplayProtocol, type ReplayServer } from '@spinel/testing';

interface ConformanceStep {
  time: number;
  proc: Record<string, string>;
  serve?: Record<string, string>;
  expect?: Record<string, [number, number]>;
  /** The run fails, its message containing this (Diamond logs the error and publishes nothing). */
  error?: string;
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

/**
 * `{replay}` in a config string (or list of strings) is the replay server's `host:port`,
 * `{replay.host}` its host; a value that is `{replay.port}` alone becomes the port number.
 */
function withReplayAddress(config: Record<string, unknown>, replay: ReplayServer | undefined): Record<string, unknown> {
  if (!replay) return config;
  const fill = (value: unknown): unknown => {
    if (value === '{replay.port}') return replay.port;
    if (typeof value === 'string') return value.replaceAll('{replay}', `${replay.host}:${replay.port}`).replaceAll('{replay.host}', replay.host);
    return Array.isArray(value) ? value.map(fill) : value;
  };
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, fill(value)]));
}

/** A `.json` fixture is a list (rows, or a redis array); any other file is the reply's text. */
function answers(serve: Record<string, string>): Record<string, ReplayAnswer> {
  return Object.fromEntries(Object.entries(serve).map(([request, file]) => [request, file.endsWith('.json') ? (JSON.parse(fixture(file)) as ReplayAnswer) : fixture(file)]));
}

describe(`Diamond conformance (${path.relative(process.cwd(), casesFile)})`, () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, testcase) => {
    const definition = await collectorNamed(testcase.collector);
    const replay = testcase.replay ? await startReplayServer(testcase.replay) : undefined;
    const { interval = 10, ...options } = withReplayAddress(testcase.config, replay);
    const harness = new CollectorHarness(definition, { options, settings: { interval: Number(interval) } });
    const problems: string[] = [];
    try {
      for (const [index, step] of testcase.steps.entries()) {
        const proc = Object.fromEntries(Object.entries(step.proc).map(([relative, file]) => [relative, fixture(file)]));
        replay?.answer(answers(step.serve ?? {}));
        const result = await harness.step({ time: step.time, proc });
        const failure = result.result.error?.message;
        if (step.error === undefined && failure) problems.push(`step ${index + 1}: collector failed: ${failure}`);
        if (step.error !== undefined && !failure?.includes(step.error)) problems.push(`step ${index + 1}: expected the run to fail with "${step.error}", ${failure ? `it failed with: ${failure}` : 'it did not fail'}`);
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
});

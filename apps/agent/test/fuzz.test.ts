// Truncated, empty and garbled procfs files: every collector must fail the run cleanly (a
// counted, logged error in the agent) or publish, never throw out of the run or crash, and the
// next good cycle must publish normally.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CollectorDefinition } from '@spinel/sdk';
import { CollectorHarness, readTestcases, type FakeFiles, type Testcase } from '@spinel/testing';

const COLLECTORS_DIR = fileURLToPath(new URL('../../../packages/collectors', import.meta.url));
const ROUNDS = 40;

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readTree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    const stat = lstatSync(full);
    // A fixture's symbolic links (a process's `exe`) are not files to damage; the tree is written without them.
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) Object.assign(files, readTree(full, `${prefix}${entry}/`));
    else files[`${prefix}${entry}`] = readFileSync(full, 'utf8');
  }
  return files;
}

function damage(text: string, random: () => number): string {
  const kind = Math.floor(random() * 4);
  if (kind === 0) return '';
  if (kind === 1) return text.slice(0, Math.floor(random() * text.length));
  if (kind === 2) {
    const at = Math.floor(random() * text.length);
    return `${text.slice(0, at)}\u0000garbage \t: x/y ${text.slice(at)}`;
  }
  return text
    .split('\n')
    .filter(() => random() > 0.3)
    .join('\n');
}

/** A collector's first testcase whose every step is host files alone (a service collector's replayed answers are damaged elsewhere: its own tests). */
function procfsCase(name: string): { testcase: Testcase; dirs: string[] } | undefined {
  for (const testcase of readTestcases(path.join(COLLECTORS_DIR, name, 'test', 'testcases'))) {
    const dirs = testcase.steps.map((step) =>
      step.input.proc && 'dir' in step.input.proc && Object.keys(step.servers).length === 0 && step.datagrams.length === 0 && !step.input.statfs
        ? step.input.proc.dir
        : undefined,
    );
    if (dirs.length > 0 && dirs.every((dir): dir is string => typeof dir === 'string')) return { testcase, dirs };
  }
  return undefined;
}

const collectors = readdirSync(COLLECTORS_DIR).filter((name) => procfsCase(name) !== undefined);

describe('collectors on damaged procfs files', () => {
  it.each(collectors)('%s fails bad runs cleanly and recovers on the next good one', async (name) => {
    const definition = ((await import(`@spinel/collector-${name}`)) as { default: CollectorDefinition }).default;
    const found = procfsCase(name);
    if (!found) throw new Error(`no procfs testcase for ${name}`);
    const { testcase } = found;
    const steps = found.dirs.map((dir) => readTree(dir));
    const good = steps[steps.length - 1] as FakeFiles;
    const random = prng(name.length * 7919);
    let failures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const harness = new CollectorHarness(definition, { options: testcase.options, settings: { interval: testcase.interval } });
      let time = 1_700_000_000;
      for (const step of steps.slice(0, -1)) await harness.step({ time: (time += testcase.interval), proc: step });
      const target = Object.keys(good)[Math.floor(random() * Object.keys(good).length)] ?? '';
      const bad = { ...good, [target]: damage(good[target] ?? '', random) };
      const damaged = await harness.step({ time: (time += testcase.interval), proc: bad });
      if (damaged.result.error) {
        failures++;
        expect(damaged.result.error.message.length).toBeGreaterThan(0);
      }
      const after = await harness.step({ time: (time += testcase.interval), proc: good });
      expect(after.result.error).toBeUndefined();
      if (steps.length === 1) expect(after.samples.length + after.checks.size).toBeGreaterThan(0);
      await harness.close();
    }
    // The damage must actually have been noticed some of the time.
    expect(failures).toBeGreaterThan(0);
  });
});

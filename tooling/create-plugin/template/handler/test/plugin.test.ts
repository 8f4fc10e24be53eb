import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Sample } from '@spinel/sdk';
import { createHandlerHarness, makeSample, measureRetained } from '@spinel/testing';
import handler from '../src/index.js';

const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const tempFile = (name: string): string => path.join(mkdtempSync(path.join(tmpdir(), '{{name}}-')), name);

describe('{{name}} handler', () => {
  // Each testcases/<case>/ holds input.json (samples, as makeSample takes them) and expected.jsonl.
  for (const name of readdirSync(TESTCASES)) {
    it(`testcase ${name} writes the expected lines`, async () => {
      const dir = path.join(TESTCASES, name);
      const input = JSON.parse(readFileSync(path.join(dir, 'input.json'), 'utf8')) as Array<Partial<Sample> & Pick<Sample, 'name' | 'value'>>;
      const out = tempFile('out.jsonl');
      const harness = await createHandlerHarness(handler, { path: out });
      await harness.process(input.map((s) => makeSample(s)));
      await harness.close();
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(dir, 'expected.jsonl'), 'utf8'));
    });
  }

  it('fails the batch (so the agent retries it) when the file cannot be written', async () => {
    const harness = await createHandlerHarness(handler, { path: path.join(tempFile('x'), 'no', 'such', 'dir.jsonl') });
    await expect(harness.process([makeSample({ name: 'a', value: 1 })])).rejects.toThrow(/ENOENT|ENOTDIR/);
  });

  it('retains under 1 KB per round over 200 rounds of new series', async () => {
    const out = tempFile('leak.jsonl');
    writeFileSync(out, '');
    const report = await measureRetained(
      { handler, options: { path: out }, perRound: (round) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `series${round}_${i}`, value: i })) },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);

  it('README table matches the options (after npm run build)', () => {
    execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/readme.mjs', import.meta.url)), '--check'], { stdio: 'pipe' });
  });
});

// Diamond's example script (test/fixtures/example.sh, from its userscripts test) and scripts of
// the test's own: slow, noisy, failing, endless, a million lines, and ones that must not run.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { parseScriptOutput } from '@spinel/collector-userscripts';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const now = (): number => Date.now() / 1000;

function folder(scripts: Record<string, { text: string; mode?: number }>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-userscripts-'));
  for (const [name, { text, mode = 0o755 }] of Object.entries(scripts)) {
    writeFileSync(path.join(dir, name), text);
    chmodSync(path.join(dir, name), mode);
  }
  return dir;
}

const harness = (options: Record<string, unknown>) => new CollectorHarness(collector, { live: true, clock: now, options, settings: { interval: 10 } });

describe('script output', () => {
  it('reads `name value` lines as Diamond: two fields, a number; the rest is invalid, empty lines skipped', () => {
    expect(parseScriptOutput('a.b 1\nc 2.50\n\nd 4 4\ne foo\nf\ng -1e3\n')).toEqual({
      values: [
        { name: 'a.b', value: 1, fractional: false },
        { name: 'c', value: 2.5, fractional: true },
        { name: 'g', value: -1000, fractional: false },
      ],
      invalid: ['d 4 4', 'e foo', 'f'],
    });
  });
});

describe('userscripts collector', () => {
  it("runs Diamond's example: example.1 42, example.2 24, example.3 12.1212 under no collector path; its three bad lines are named; the folder inside is passed over", async () => {
    const h = harness({ scripts_path: FIXTURES });
    const step = await h.step({ time: now() });
    await h.close();
    expect(Object.fromEntries(step.values)).toEqual({ 'example.1': 42, 'example.2': 24, 'example.3': 12.1212 });
    expect(step.samples.map((s) => s.path)).toContain('servers.testhost.example.3');
    expect(step.result.error?.message).toBe('example.sh printed 3 lines that are not `name value` (first: "example.4 4 4")');
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it("publishes a failing script's output and names its exit code and stderr; a slow one is killed at script_timeout with what it started, its complete lines kept", async () => {
    const dir = folder({
      'a-failing': { text: '#!/bin/sh\necho "failing.value 7"\necho "disk on fire" >&2\nexit 3\n' },
      'b-slow': { text: '#!/bin/sh\necho "slow.first 1"\nsleep 30 &\nwait\necho "slow.never 2"\n' },
      'c-fine': { text: '#!/bin/sh\necho "fine.value 5"\n' },
    });
    const h = harness({ scripts_path: dir, script_timeout: 0.5 });
    const started = performance.now();
    const step = await h.step({ time: now() });
    await h.close();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(Object.fromEntries(step.values)).toEqual({ 'failing.value': 7, 'slow.first': 1, 'fine.value': 5 });
    expect(step.result.error?.message).toBe(
      'a-failing exited with code 3; stderr: disk on fire; b-slow ran past script_timeout (0.5 s) and was killed; its complete lines were published',
    );
  });

  it('a script printing a million lines is killed at max_output_kb and publishes nothing; the others still run', async () => {
    const dir = folder({
      'a-flood': { text: '#!/bin/sh\ni=0\nwhile [ $i -lt 1000000 ]; do echo "flood.$i $i"; i=$((i+1)); done\n' },
      'b-fine': { text: '#!/bin/sh\necho "fine.value 5"\n' },
    });
    const h = harness({ scripts_path: dir, max_output_kb: 64, script_timeout: 30 });
    const step = await h.step({ time: now() });
    await h.close();
    expect(Object.fromEntries(step.values)).toEqual({ 'fine.value': 5 });
    expect(step.result.error?.message).toBe('a-flood printed more than max_output_kb (64 KB) and was killed; nothing it printed was published');
  });

  it('does not run a file others may write or one that is not executable, and says so once; a missing folder fails the run naming it', async () => {
    const dir = folder({
      'a-open': { text: '#!/bin/sh\necho "open.value 1"\n', mode: 0o777 },
      'b-plain': { text: 'x 1\n', mode: 0o644 },
      'c-fine': { text: '#!/bin/sh\necho "fine.value 5"\n' },
    });
    const h = new CollectorHarness(collector, { live: true, clock: now, options: { scripts_path: dir }, settings: { interval: 10 } });
    const first = await h.step({ time: now() });
    const second = await h.step({ time: now() });
    const warnings = [...first.logs, ...second.logs].filter((l) => l.level === 'warn').map((l) => l.message);
    await h.close();
    expect(Object.fromEntries(first.values)).toEqual({ 'fine.value': 5 });
    expect(warnings).toEqual([`${dir}/a-open is writable by every user (mode 777); not run`, `${dir}/b-plain is not executable`]);
    const missing = harness({ scripts_path: path.join(dir, 'nope') });
    expect((await missing.step({ time: now() })).result.error?.message).toBe(`scripts_path ${dir}/nope cannot be read: ENOENT`);
    await missing.close();
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const dir = folder({ fine: { text: '#!/bin/sh\necho "fine.value 5"\n' } });
    const report = await measureRetained(
      { collector, live: true, options: { scripts_path: dir }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample } from '@spinel/testing';
import consoleHandler, { formatConsoleBatch } from '@spinel/handler-console';

describe('console handler', () => {
  it('aligns values and shows the type of non-gauges', () => {
    const text = formatConsoleBatch(
      [makeSample({ name: 'total.user', value: 1.5, precision: 2, type: 'rate' }), makeSample({ name: 'MemTotal', value: 1024 })],
      'short',
    );
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}test\.total\.user {2}1\.50 \(rate\)$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d {2}test\.MemTotal {4}1024$/);
  });

  it('writes every batch to its file descriptor', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-console-'));
    const file = path.join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const h = await createHandlerHarness(consoleHandler, { fd });
    await h.process([makeSample({ name: 'a', value: 1 })], [makeSample({ name: 'b', value: 2 })]);
    await h.close();
    closeSync(fd);
    const out = readFileSync(file, 'utf8');
    expect(out).toContain('servers.testhost.test.a  1');
    expect(out).toContain('servers.testhost.test.b  2');
    rmSync(dir, { recursive: true });
  });
});

describe('console handler memory', () => {
  it('retains under 1 KB per round over 200 rounds of new distinct series', async () => {
    const { measureRetained } = await import('@spinel/testing');
    const fd = openSync('/dev/null', 'w');
    const report = await measureRetained(
      { handler: consoleHandler, options: { fd }, perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `series${r}_${i}`, value: i })) },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    closeSync(fd);
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

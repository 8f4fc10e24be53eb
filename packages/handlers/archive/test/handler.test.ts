import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample } from '@spinel/testing';
import archive, { graphiteLine } from '@spinel/handler-archive';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-archive-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (iso: string): number => new Date(iso).getTime() / 1000;

describe('archive handler', () => {
  it("writes Diamond's plaintext line with the sample's precision", () => {
    expect(graphiteLine(makeSample({ name: 'total.user', value: 1.23456, precision: 2, timestamp: 1_700_000_000.9 }))).toBe(
      'servers.testhost.test.total.user 1.23 1700000000\n',
    );
    expect(graphiteLine(makeSample({ name: 'MemTotal', value: 49554212, precision: 0 }))).toBe('servers.testhost.test.MemTotal 49554212 1700000000\n');
  });

  it('appends every batch to the file in order', async () => {
    const file = path.join(dir, 'a.log');
    const h = await createHandlerHarness(archive, { path: file });
    await h.process([makeSample({ name: 'a', value: 1 })], [makeSample({ name: 'b', value: 2 }), makeSample({ name: 'c', value: 3 })]);
    await h.close();
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[0]),
    ).toEqual(['servers.testhost.test.a', 'servers.testhost.test.b', 'servers.testhost.test.c']);
  });

  it('creates files 0600 whatever the umask, or with `file_mode`', async () => {
    const previous = process.umask(0o000);
    try {
      const h = await createHandlerHarness(archive, { path: path.join(dir, 'private.log') });
      await h.process([makeSample({ name: 'a', value: 1 })]);
      await h.close();
      const shared = await createHandlerHarness(archive, { path: path.join(dir, 'shared.log'), file_mode: '0640' });
      await shared.process([makeSample({ name: 'a', value: 1 })]);
      await shared.close();
    } finally {
      process.umask(previous);
    }
    expect(statSync(path.join(dir, 'private.log')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'shared.log')).mode & 0o777).toBe(0o640);
  });

  it('rejects a file_mode that is not octal', async () => {
    await expect(createHandlerHarness(archive, { path: path.join(dir, 'x.log'), file_mode: '0689' })).rejects.toThrow(/file_mode/);
  });

  it('rotates at local midnight and keeps `days` rotated files', async () => {
    const file = path.join(dir, 'm.log');
    let now = at('2026-01-01T10:00:00');
    const h = await createHandlerHarness(archive, { path: file, days: 2 }, () => now);
    for (const day of ['01', '02', '03', '04']) {
      now = at(`2026-01-${day}T10:00:00`);
      await h.process([makeSample({ name: `day${day}`, value: 1 })]);
    }
    await h.close();
    const rotated = readdirSync(dir)
      .filter((f) => f.startsWith('m.log.'))
      .sort();
    expect(rotated).toHaveLength(2);
    expect(readFileSync(file, 'utf8')).toContain('day04');
    expect(readFileSync(path.join(dir, rotated[1] ?? ''), 'utf8')).toContain('day03');
    expect(readFileSync(path.join(dir, rotated[0] ?? ''), 'utf8')).toContain('day02');
  });

  it('rotates past max_bytes without losing a line', async () => {
    const file = path.join(dir, 's.log');
    const h = await createHandlerHarness(archive, { path: file, max_bytes: 100, rollover_when: 'never', days: 100 });
    for (let i = 0; i < 20; i++) await h.process([makeSample({ name: `m${i}`, value: i })]);
    await h.close();
    const all = readdirSync(dir)
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('');
    for (let i = 0; i < 20; i++) expect(all).toContain(`.m${i} ${i} `);
    expect(readdirSync(dir).length).toBeGreaterThan(3);
    for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f)).length).toBeLessThanOrEqual(100);
  });

  it('rotates a file left over from an earlier day on the first write', async () => {
    const file = path.join(dir, 'old.log');
    writeFileSync(file, 'old.metric 1 1\n');
    const yesterday = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(file, yesterday, yesterday);
    const h = await createHandlerHarness(archive, { path: file });
    await h.process([makeSample({ name: 'new', value: 1 })]);
    await h.close();
    expect(readFileSync(file, 'utf8')).not.toContain('old.metric');
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('rejects unknown options with the option named', async () => {
    await expect(createHandlerHarness(archive, { log_file: 'x' })).rejects.toThrow(
      /archive: log_file: expected a known option \(path, rollover_when, max_bytes, file_mode, days\)/,
    );
  });
});

describe('archive handler memory', () => {
  it('retains under 1 KB per round over 200 rounds of new distinct series', async () => {
    const { measureRetained } = await import('@spinel/testing');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'spinel-archive-leak-')), 'leak.log');
    const report = await measureRetained(
      { handler: archive, options: { path: file }, perRound: (r) => Array.from({ length: 100 }, (_, i) => makeSample({ name: `series${r}_${i}`, value: i })) },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

import { execFileSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, collectOnce, CollectorHarness } from '@spinel/testing';
import collector from '@spinel/collector-diskspace';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

// statfs(2) runs against the real mount points a fake /proc/mounts names.
const mounts = [
  '/dev/fake-root / ext4 rw,relatime 0 0',
  'proc /proc proc rw 0 0',
  'tmpfs /run tmpfs rw 0 0',
  '/dev/fake-home /export/home ext4 rw 0 0',
  '/dev/fake-root /tm\\160 ext4 rw 0 0', // octal escape for /tmp: same device as /
].join('\n');

describe('diskspace collector', () => {
  it('names / as root and publishes space and inodes as statfs reports them', async () => {
    const step = await collectOnce(collector, { proc: { mounts } }, { options: { byte_unit: ['byte', 'gigabyte'], use_labels: false } });
    expect(step.result.error).toBeUndefined();
    const fs = statfsSync('/');
    const used = step.values.get('root.byte_used') ?? -1;
    // the filesystem is live: allow a few MB of churn between the two statfs calls
    expect(Math.abs(used - fs.bsize * (fs.blocks - fs.bfree))).toBeLessThan(64 * 1024 * 1024);
    expect(step.values.get('root.byte_avail')).toBeCloseTo(fs.bsize * fs.bavail, -8);
    expect(step.values.get('root.gigabyte_used')).toBeCloseTo(used / 1024 ** 3, 1);
    expect(step.values.get('root.inodes_used')).toBeGreaterThan(0);
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
  });

  it('skips other filesystem types, /proc, exclude_filters, and a second mount of the same device', async () => {
    const step = await collectOnce(collector, { proc: { mounts } }, { options: { use_labels: false } });
    const names = [...new Set(step.samples.map((s) => s.name.split('.')[0]))];
    expect(names).toEqual(['root']);
  });

  it('agrees with df -B1 / within a block', async () => {
    const step = await collectOnce(collector, { proc: { mounts } }, { options: { use_labels: false } });
    const [, , size, used, avail] =
      execFileSync('df', ['-B1', '--output=source,target,size,used,avail', '/']).toString().trim().split('\n')[1]?.trim().split(/\s+/) ?? [];
    const block = statfsSync('/').bsize;
    // df's "used" is blocks - free, the same as Diamond's *_used; allow churn of 16 MB on a live disk.
    expect(Math.abs((step.values.get('root.byte_used') ?? 0) - Number(used))).toBeLessThan(16 * 1024 * 1024 + block);
    expect(Math.abs((step.values.get('root.byte_avail') ?? 0) - Number(avail))).toBeLessThan(16 * 1024 * 1024 + block);
    expect(Number(size)).toBeGreaterThan(0);
  });

  it('reads /proc/self/mountinfo when /proc/mounts is missing', async () => {
    const mountinfo = '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/fake-root rw\n23 22 0:5 / /proc rw - proc proc rw\n';
    const step = await collectOnce(collector, { proc: { 'self/mountinfo': mountinfo } }, { options: { use_labels: false } });
    expect(step.values.has('root.byte_free')).toBe(true);
  });

  it('publishes nothing when neither mount table exists, and fails on a garbled one', async () => {
    expect((await collectOnce(collector, { proc: {} })).samples).toEqual([]);
    const bad = await collectOnce(collector, { proc: { mounts: 'justonefield\n' } });
    expect(bad.result.error?.message).toContain('mounts: expected "<device> <mount point> <type> ..." lines');
  });

  it('publishes the live host root filesystem with the default options', async () => {
    const harness = new CollectorHarness(collector, { live: true });
    const step = await harness.step({ time: 1 });
    await harness.close();
    expect(step.result.error).toBeUndefined();
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
  });
});

describe('diskspace collector memory', () => {
  it('retains under 1 KB per round over 200 rounds', async () => {
    const { measureRetained } = await import('@spinel/testing');
    const report = await measureRetained(
      { collector, options: { use_labels: false }, perRound: () => ({ proc: { mounts } }) },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

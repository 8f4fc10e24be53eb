// Diamond's SmartCollector tests: its recorded `smartctl -A` outputs through a stand-in smartctl in
// each testcase (the golden), the values each Diamond test asserts (diamond.json beside it, checked
// by collectorTestcaseSuite), and its find_attr_start_line test.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CollectorHarness, measureRetained } from '@spinel/testing';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';
import collector, { attributeStart } from '@spinel/collector-smart';

const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
collectorTestcaseSuite(collector, TESTCASES);

const output = (testcase: string): string => readFileSync(path.join(TESTCASES, testcase, 'bin', 'smartctl-output.txt'), 'utf8');

describe("Diamond's SmartCollector tests (its real-data tests are the testcases, with diamond.json)", () => {
  it('test_find_attr_start_line: the rows start after the ATTRIBUTE_NAME header, looked for in lines 4 to 8', () => {
    const lines = (testcase: string) => output(testcase).trim().split('\n');
    expect(attributeStart(lines('diamond-osx-missing'), 2, 4)).toBeUndefined();
    expect(attributeStart(lines('diamond-osx-ssd'))).toBe(7);
    expect(attributeStart(lines('diamond-centos55-hdd'))).toBe(7);
    expect(attributeStart(lines('diamond-debian-invalid-checksum-warning'))).toBe(8);
  });
});

describe('smart collector commands', () => {
  const standIn = (script: string): { bin: string; dir: string } => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-smart-'));
    const bin = path.join(dir, 'smartctl');
    writeFileSync(bin, `#!/bin/sh\n${script}\n`);
    chmodSync(bin, 0o755);
    return { bin, dir };
  };
  const disks = { dir: path.join(TESTCASES, 'diamond-centos55-hdd', 'sys') };

  it('runs smartctl -A /dev/<disk> with no shell, one disk at a time, only for disks the pattern matches', async () => {
    const { bin, dir } = standIn(`echo "$*" >> "$(dirname "$0")/calls"`);
    const h = new CollectorHarness(collector, { options: { bin, devices: '^sd' } });
    await h.step({ time: 1, sys: { 'block/sda/size': '1\n', 'block/sdb/size': '1\n', 'block/loop0/size': '1\n' } });
    await h.close();
    expect(readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n')).toEqual(['-A /dev/sda', '-A /dev/sdb']);
  });

  it('a disk it cannot open fails the run naming the command and what smartctl said; a non-zero status with a table still publishes', async () => {
    const refused = standIn('echo "Smartctl open device: /dev/sda failed: Permission denied"; exit 2').bin;
    const h = new CollectorHarness(collector, { options: { bin: refused, force_prefails: true } });
    const step = await h.step({ time: 1, sys: disks });
    await h.close();
    expect(step.result.error?.message).toBe(`${refused} -A /dev/sda failed: exited with code 2: Smartctl open device: /dev/sda failed: Permission denied`);
    const logged = standIn(`cat ${path.join(TESTCASES, 'diamond-centos55-hdd', 'bin', 'smartctl-output.txt')}; exit 64`).bin;
    const ok = new CollectorHarness(collector, { options: { bin: logged, force_prefails: true } });
    const read = await ok.step({ time: 1, sys: disks });
    await ok.close();
    expect(read.result.error).toBeUndefined();
    expect(read.values.get('sda.pre-fail.spin_up_time.raw_val')).toBe(3991);
  });

  it('a smartctl that hangs is stopped at command_timeout and named', async () => {
    const hang = standIn('exec sleep 30').bin;
    const h = new CollectorHarness(collector, { options: { bin: hang, command_timeout: 0.3 } });
    const step = await h.step({ time: 1, sys: disks });
    await h.close();
    expect(step.result.error?.message).toBe(`${hang} -A /dev/sda failed: no answer within command_timeout (0.3 s)`);
  });

  it('retains under 1 KB per round over 200 rounds of new disks', async () => {
    const bin = path.join(TESTCASES, 'diamond-centos55-hdd', 'bin', 'smartctl');
    const report = await measureRetained(
      {
        collector,
        options: { bin, force_prefails: true, devices: '^sd' },
        perRound: (r) => ({ sys: { [`block/sd${String.fromCharCode(97 + (r % 26))}/size`]: '1\n' } }),
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

it('every testcase has its Diamond test beside it', () => {
  for (const name of readdirSync(TESTCASES)) expect(readdirSync(path.join(TESTCASES, name))).toContain('diamond.json');
});

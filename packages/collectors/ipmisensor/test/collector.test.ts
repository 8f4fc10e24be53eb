// Diamond's IPMISensorCollector tests: its recorded `ipmitool sensor` outputs through a stand-in
// ipmitool in each testcase, with the values each test asserts (diamond.json), and the command's
// bounds.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CollectorHarness, measureRetained } from '@spinel/testing';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';
import collector, { sensorFigures, sensorValue } from '@spinel/collector-ipmisensor';

const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
collectorTestcaseSuite(collector, TESTCASES);

function standIn(script: string): string {
  const bin = path.join(mkdtempSync(path.join(os.tmpdir(), 'spinel-ipmi-')), 'ipmitool');
  writeFileSync(bin, `#!/bin/sh\n${script}\n`);
  chmodSync(bin, 0o755);
  return bin;
}

describe('ipmitool sensor rows', () => {
  it("reads a decimal, else a hex state, else nothing, as Diamond's parse_value", () => {
    expect([sensorValue(' 32.000 '), sensorValue('0x0180'), sensorValue('na'), sensorValue('-5'), sensorValue('ok')]).toEqual([
      32,
      384,
      undefined,
      -5,
      undefined,
    ]);
  });

  it('names a sensor with `.` as `_` and spaces as the delimiter, and skips a row without its columns', () => {
    const rows = 'System Temp      | 32.000     | degrees C  | ok\n+1.5V | 1.512 | Volts | ok\nbroken row\n';
    expect(sensorFigures(rows, '_', false)).toEqual([
      ['System_Temp', 32],
      ['+1_5V', 1.512],
    ]);
    expect(sensorFigures(rows, '.', true)).toEqual([]);
  });
});

describe('ipmisensor collector commands', () => {
  it('runs `ipmitool sensor` with no shell; a missing ipmitool fails the run naming it', async () => {
    const h = new CollectorHarness(collector, { options: { bin: '/nonexistent/ipmitool' } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe('/nonexistent/ipmitool sensor failed: ENOENT');
  });

  it('a BMC that does not answer is stopped at command_timeout, and what ipmitool says on failing is in the error', async () => {
    const hang = standIn('exec sleep 30');
    const slow = new CollectorHarness(collector, { options: { bin: hang, command_timeout: 0.3 } });
    expect((await slow.step({ time: 1 })).result.error?.message).toBe(`${hang} sensor failed: no answer within command_timeout (0.3 s)`);
    await slow.close();
    const refused = standIn('echo "Could not open device at /dev/ipmi0: No such file or directory" >&2; exit 1');
    const h = new CollectorHarness(collector, { options: { bin: refused } });
    expect((await h.step({ time: 1 })).result.error?.message).toBe(
      `${refused} sensor failed: exited with code 1: Could not open device at /dev/ipmi0: No such file or directory`,
    );
    await h.close();
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const bin = path.join(TESTCASES, 'diamond-real-data', 'bin', 'ipmitool');
    const report = await measureRetained(
      { collector, options: { bin, thresholds: true }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

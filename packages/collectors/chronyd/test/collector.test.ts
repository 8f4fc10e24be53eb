// Diamond's ChronydCollector tests (its recorded sourcestats through a stand-in chronyc: the
// testcases, with the values each test asserts in diamond.json), and two chronyds of the tests'
// own that do not touch the clock, one the other's source.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';
import collector, { sourceName, sourceOffsets } from '@spinel/collector-chronyd';
import { CHRONYC, haveChrony, startChrony, type ChronyServer } from '../../../../tooling/services/chrony.mjs';

const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
collectorTestcaseSuite(collector, TESTCASES);

describe('sourcestats', () => {
  it("names a source by its address with `_` or its host name's first label, and skips a unit that is not a time", () => {
    expect([sourceName('85.12.29.43'), sourceName('ntp1.example.com'), sourceName('localhost')]).toEqual(['85_12_29_43', 'ntp1', 'localhost']);
    const { offsets, badUnits } = sourceOffsets('a.example  8   5   710   0.002   0.228   +277xs    25us\nb  5   4   258   0.370   1.714   -2ms    28us\n');
    expect(offsets).toEqual([['b', -2]]);
    expect(badUnits).toEqual(['a.example: +277xs']);
  });

  it('says a unit it does not know once, not every run', async () => {
    const h = new CollectorHarness(collector, { options: { bin: path.join(TESTCASES, 'diamond-invalid-unit', 'bin', 'chronyc') } });
    const first = await h.step({ time: 1 });
    const second = await h.step({ time: 2 });
    await h.close();
    expect(first.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'chronyd: offsets in a unit it does not know, left out: adm-dns-resolver-001.bolc: +277xs',
    ]);
    expect(second.logs.filter((l) => l.level === 'warn')).toEqual([]);
  });
});

if (!haveChrony) console.log('chronyd collector: chrony is missing (apt-get install chrony; .ci/run does), so the test against a real chronyd is skipped');

describe.skipIf(!haveChrony)('chronyd collector against chronyds of its own', () => {
  let chrony: ChronyServer;
  beforeAll(async () => {
    chrony = await startChrony();
  }, 60_000);
  afterAll(async () => chrony?.stop());

  it('publishes the offset of the source the client chronyd follows, in milliseconds', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { bin: CHRONYC, args: chrony.args } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const offset = step.values.get('localhost.offset_ms') ?? step.values.get('127_0_0_1.offset_ms');
    expect(offset).toBeDefined();
    // Both ends are this host's clock: the offset is well under a millisecond.
    expect(Math.abs(offset ?? 1)).toBeLessThan(1);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('a chronyd that does not answer fails the run naming the command', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { bin: CHRONYC, args: ['-h', '127.0.0.1', '-p', '9', '-m'], command_timeout: 3 } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toMatch(new RegExp(`^${CHRONYC} -h 127\\.0\\.0\\.1 -p 9 -m sourcestats failed: `));
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { bin: CHRONYC, args: chrony.args }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

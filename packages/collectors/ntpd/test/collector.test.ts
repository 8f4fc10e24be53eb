// Diamond's NtpdCollector tests (its recorded ntpq and ntpdc output through stand-ins: the
// testcases, with the values its test asserts in diamond.json), the parsing rules, and Debian's
// ntpsec of the test's own following a chronyd in a network namespace, never steering the clock.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';
import collector, { peerFigures } from '@spinel/collector-ntpd';
import { ntpsecUnavailable, startNtpsec, type NtpsecServer } from '../../../../tooling/services/ntpsec.mjs';

const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
collectorTestcaseSuite(collector, TESTCASES);

const PEERS = '     remote           refid      st t when poll reach   delay   offset  jitter\n==========\n';

describe('ntpq -np', () => {
  it("reads the system peer's row only, with `when` in seconds from ntpq's m, h and d", () => {
    const figures = peerFigures(`${PEERS}+10.0.0.1   .GPS.   1 u   5 64 377 0.5 0.1 0.01\n*10.0.0.2   .GPS.   1 u   3h 1024 377 0.127 -0.005 0.026\n`);
    expect(Object.fromEntries([...figures].map(([name, figure]) => [name, figure.value]))).toEqual({
      when: 10800,
      stratum: 1,
      poll: 1024,
      reach: 377,
      delay: 0.127,
      offset: -0.005,
      jitter: 0.026,
    });
  });

  it('publishes nothing for a system peer not yet heard from (`when` is -)', () => {
    expect(peerFigures(`${PEERS}*10.0.0.2   .GPS.   1 u   - 1024 0 0.0 0.0 0.0\n`).size).toBe(0);
  });
});

describe('ntpd collector commands', () => {
  const bin = (name: string): string => path.join(TESTCASES, 'diamond-real-data', 'bin', name);

  it('says once that ntpdc is not there (ntpsec), and publishes what ntpq gives', async () => {
    const h = new CollectorHarness(collector, { options: { ntpq_bin: bin('ntpq'), ntpdc_bin: '/nonexistent/ntpdc' } });
    const first = await h.step({ time: 1 });
    const second = await h.step({ time: 2 });
    await h.close();
    expect(first.result.error).toBeUndefined();
    expect(first.values.get('offset')).toBe(-0.005);
    expect(first.logs.filter((l) => l.level === 'info').length).toBe(1);
    expect(second.logs.filter((l) => l.level === 'info').length).toBe(0);
  });

  it('a missing ntpq fails the run naming it; a failing ntpdc fails it after ntpq published', async () => {
    const h = new CollectorHarness(collector, { options: { ntpq_bin: '/nonexistent/ntpq', ntpdc_bin: '/nonexistent/ntpdc' } });
    expect((await h.step({ time: 1 })).result.error?.message).toBe('/nonexistent/ntpq is not there');
    await h.close();
    const failing = new CollectorHarness(collector, { options: { ntpq_bin: bin('ntpq'), ntpdc_bin: '/bin/false' } });
    const step = await failing.step({ time: 1 });
    await failing.close();
    expect(step.result.error?.message).toBe('/bin/false -c kerninfo failed: exited with code 1; /bin/false -c sysinfo failed: exited with code 1');
    expect(step.values.get('stratum')).toBe(2);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, options: { ntpq_bin: bin('ntpq'), ntpdc_bin: bin('ntpdc') }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

const unavailable = ntpsecUnavailable();
if (unavailable) console.log(`ntpd collector: the test against Debian's ntpsec is skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)("ntpd collector against Debian's ntpsec (no ntpdc)", () => {
  let ntpsec: NtpsecServer;
  beforeAll(async () => {
    ntpsec = await startNtpsec();
  }, 90_000);
  afterAll(async () => ntpsec?.stop());

  it("publishes the system peer's figures from ntpq, offset in milliseconds, every name in the catalogue", async () => {
    const h = new CollectorHarness(collector, { live: true, options: { ntpq_bin: ntpsec.ntpq, ntpdc_bin: '/nonexistent/ntpdc' } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(step.values.get('stratum')).toBe(8);
    expect(step.values.get('poll')).toBe(8);
    expect(step.values.get('reach')).toBeGreaterThanOrEqual(1);
    // Both ends read this host's clock: well under a millisecond apart.
    expect(Math.abs(step.values.get('offset') ?? 1)).toBeLessThan(1);
    expect([...step.values.keys()].sort()).toEqual(['delay', 'jitter', 'offset', 'poll', 'reach', 'stratum', 'when']);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });
});

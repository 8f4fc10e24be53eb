import { describe, expect, it } from 'vitest';
import { CollectorHarness, measureRetained } from '@spinel/testing';
import collector from '@spinel/collector-heartbeat';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

describe('heartbeat collector', () => {
  it('checks in as `heartbeat` every run with its ttl, and publishes no metric', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { ttl: 150 }, settings: { interval: 60 } });
    for (const time of [0, 60]) {
      const step = await h.step({ time });
      expect(step.result.error).toBeUndefined();
      expect(step.samples).toEqual([]);
      expect([...step.checks]).toEqual([['heartbeat', 150]]);
      expect(step.logs).toEqual([]);
    }
    await h.close();
  });

  it('warns once when the ttl is not longer than the interval (the backend would alarm between runs)', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { ttl: 60 }, settings: { interval: 60 } });
    const first = await h.step({ time: 0 });
    const second = await h.step({ time: 60 });
    await h.close();
    expect(first.logs.map((l) => l.message)).toEqual([expect.stringContaining('check heartbeat: ttl 60 s is not longer than the interval (60 s)')]);
    expect(second.logs).toEqual([]);
    expect([...second.checks]).toEqual([['heartbeat', 60]]);
  });

  it('refuses a ttl that is not a whole number of seconds of at least 1, naming it', async () => {
    for (const ttl of [0, 2.5, 'soon']) {
      const error = await new CollectorHarness(collector, { live: true, options: { ttl } }).step({ time: 0 }).catch((e: Error) => e.message);
      expect(String(error)).toContain('heartbeat: ttl: expected');
    }
  });

  it('keeps nothing from run to run: 200 runs leave the retained heap flat', async () => {
    const report = await measureRetained({ collector, options: {}, perRound: () => ({ proc: {} }) }, { rounds: 200, warmup: 20, objectCounts: false });
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runThroughOutage } from '@spinel/testing';
import { haveCarbon, startCarbon, type Carbon } from './carbon.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

describe.skipIf(!haveCarbon)('graphite handler through the agent while carbon-cache goes away', () => {
  let carbon: Carbon;
  beforeAll(async () => {
    carbon = await startCarbon();
  }, 30_000);
  afterAll(() => carbon?.stop());

  /**
   * The shared fault test (tick every second → recorder and graphite, carbon stopped for
   * `outageMs`, then started again), then the whisper files read back.
   */
  async function throughOutage(options: Record<string, unknown>, outageMs: number, hostname: string) {
    const run = await runThroughOutage({
      handler: { plugin: PACKAGE_DIR, options: { host: '127.0.0.1', port: carbon.linePort, timeout: 1, ...options } },
      searchDir: PACKAGE_DIR,
      hostname,
      beforeMs: 3500,
      outageMs,
      stop: () => carbon.stop(),
      start: () => carbon.start(),
    });
    // carbon writes its cache to whisper in the background: wait until every sample not counted
    // as dropped is on disk (or 15 s).
    let stored: Array<[number, number]> = [];
    for (let i = 0; i < 150; i++) {
      stored = carbon.fetch(`servers.${hostname}.tick.runs`, (run.published[0]?.[0] ?? 0) - 1);
      if (stored.length >= run.published.length - run.stats.dropped) break;
      await sleep(100);
    }
    return { ...run, stored };
  }

  it('delivers every sample published during the outage exactly once, with its value and timestamp', async () => {
    const { stats, published, stored } = await throughOutage({ batch_size: 1 }, 4000, 'fault');
    expect(stats.retries).toBeGreaterThan(0);
    expect(stats.dropped).toBe(0);
    expect(published.length).toBeGreaterThanOrEqual(10);
    // whisper holds one value per timestamp: when a loaded machine runs two ticks in one second,
    // carbon keeps the later. Every published second is stored, with its last value, once.
    const lastPerSecond = [...new Map(published)];
    expect(stored).toEqual(lastPerSecond);
  }, 60_000);

  it('beyond the buffer, samples are dropped and counted; what was kept arrives once; the queue stays within its bound', async () => {
    const { stats, published, stored, maxQueued } = await throughOutage({ batch_size: 1, max_queue_samples: 2 }, 6000, 'overflow');
    expect(stats.dropped).toBeGreaterThan(0);
    expect(maxQueued).toBeLessThanOrEqual(2);
    // whisper holds one value per timestamp: every stored point is a published one, unchanged
    const byTime = new Map(published);
    for (const [t, v] of stored) expect(byTime.get(t)).toBe(v);
    // and each published sample is either stored or counted as dropped, never both, never neither
    expect(stored.length + stats.dropped).toBe(published.length);
  }, 60_000);
});

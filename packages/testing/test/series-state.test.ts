// Per-series state across gaps: a counter read again after missed runs gives the rate over the real
// elapsed time, until the series has been idle longer than series_state_ttl; the cap still holds.
import { describe, expect, it } from 'vitest';
import { defineCollector } from '@spinel/sdk';
import { CollectorHarness } from '@spinel/testing';

/** Publishes the rate of `counter`, whose value each step sets; `names` more series when asked. */
let counter = 0;
let extraSeries = 0;
const counting = defineCollector({
  name: 'counting',
  description: 'A counter for the series-state tests.',
  path: 'counting',
  options: {},
  catalogue: [{ name: '{name}', type: 'rate', unit: 'events/s', description: 'Rate of a test counter.' }],
  collect(ctx) {
    ctx.publishRate('events', counter);
    for (let i = 0; i < extraSeries; i++) ctx.publishRate(`s${i}`, counter);
  },
});

async function rates(steps: Array<[time: number, value: number]>, settings: { interval: number; seriesStateTtl?: number }): Promise<Array<number | undefined>> {
  const harness = new CollectorHarness(counting, { settings });
  try {
    const out: Array<number | undefined> = [];
    for (const [time, value] of steps) {
      counter = value;
      out.push((await harness.step({ time, proc: {} })).values.get('events'));
    }
    return out;
  } finally {
    await harness.close();
  }
}

describe('per-series state across gaps', () => {
  it('after 60 missed runs publishes the average rate over the real gap, not the total over one interval', async () => {
    // 10/s throughout; the gap is 600 s (a suspended VM).
    expect(
      await rates(
        [
          [0, 1000],
          [10, 1100],
          [610, 7100],
          [620, 7200],
        ],
        { interval: 10 },
      ),
    ).toEqual([undefined, 10, 10, 10]);
  });

  it('divides by the real time between readings when a run comes early or late', async () => {
    expect(
      await rates(
        [
          [0, 0],
          [5, 100],
          [20, 250],
        ],
        { interval: 10 },
      ),
    ).toEqual([undefined, 20, 10]);
  });

  it('forgets a series idle longer than series_state_ttl, and starts it over', async () => {
    expect(
      await rates(
        [
          [0, 0],
          [10, 100],
          [4000, 500],
          [4010, 600],
        ],
        { interval: 10, seriesStateTtl: 3600 },
      ),
    ).toEqual([undefined, 10, undefined, 10]);
  });

  it('keeps at least three intervals whatever series_state_ttl says', async () => {
    expect(
      await rates(
        [
          [0, 0],
          [60, 600],
          [180, 1800],
        ],
        { interval: 60, seriesStateTtl: 1 },
      ),
    ).toEqual([undefined, 10, 10]);
  });

  it('stays within max_series_state while a long TTL keeps every series', async () => {
    const harness = new CollectorHarness(counting, { settings: { interval: 10, maxSeriesState: 50 } });
    try {
      extraSeries = 500;
      for (let round = 0; round < 3; round++) {
        counter = round * 10;
        await harness.step({ time: round * 10, proc: {} });
      }
      expect(harness.stateSize).toBe(50);
    } finally {
      extraSeries = 0;
      await harness.close();
    }
  });
});

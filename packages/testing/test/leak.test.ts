import { describe, expect, it } from 'vitest';
import { measureRetained, robustSlope, slope } from '@spinel/testing';

describe('measureRetained', () => {
  it('computes a least-squares slope', () => {
    expect(slope([0, 10, 20, 30])).toBe(10);
    expect(slope([5, 5, 5])).toBe(0);
  });

  it('the Theil–Sen slope follows a steady rise and shrugs off one outlier', () => {
    expect(robustSlope([0, 10, 20, 30, 40])).toBe(10);
    const flatWithSpike = [100, 100, 100, 100, 100, 100, 100, 100, 100, 5000];
    expect(robustSlope(flatWithSpike)).toBe(0);
    expect(slope(flatWithSpike)).toBeGreaterThan(100);
  });

  it("finds Diamond's leak: a plugin that remembers every distinct metric name", async () => {
    const { default: leaky } = await import('./fixtures/leaky-collector.mjs');
    const report = await measureRetained({ collector: leaky, perRound: () => undefined }, { rounds: 200, warmup: 10 });
    expect(report.slopeBytesPerRound).toBeGreaterThan(1024);
    expect(report.growth.find((g) => g.name === 'Object')?.growth).toBeGreaterThanOrEqual(3900);
  }, 60_000);

  it('shows bounded per-series state as flat while every round brings new series', async () => {
    const { default: churn } = await import('./fixtures/churn-collector.mjs');
    const report = await measureRetained({ collector: churn, perRound: () => undefined }, { rounds: 200, warmup: 20, objectCounts: false });
    expect(report.heapBytes).toHaveLength(200);
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 60_000);
});

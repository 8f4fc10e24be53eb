import { describe, expect, it } from 'vitest';
import { LeakWatch } from '@spinel/core';

describe('LeakWatch', () => {
  it('suspects a heap that rose at every reading across the window by more than the threshold', () => {
    const watch = new LeakWatch(4, 1000);
    expect([100, 800, 1500, 2200].map((h) => watch.record(h))).toEqual([false, false, false, true]);
  });
  it('does not suspect a heap that levels off or dips once', () => {
    const watch = new LeakWatch(4, 1000);
    for (const h of [100, 800, 1500, 1400, 2200, 2900]) watch.record(h);
    expect(watch.suspected).toBe(false);
    watch.record(3600);
    expect(watch.suspected).toBe(true);
  });
  it('does not suspect a steady small rise below the threshold, and starts afresh after a reset', () => {
    const watch = new LeakWatch(4, 1000);
    for (const h of [100, 200, 300, 400]) watch.record(h);
    expect(watch.suspected).toBe(false);
    for (const h of [1000, 2000, 3000, 4000]) watch.record(h);
    expect(watch.suspected).toBe(true);
    watch.reset();
    expect(watch.record(5000)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { agentSchema, createLogger, decodeBatch, LeakWatch, Telemetry, TelemetryPublisher } from '@spinel/core';
import { validateOptions } from '@spinel/sdk';

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

describe("the main thread's leak watch", () => {
  const agent = { ...validateOptions(agentSchema, {}).value, leak_watch_interval: 0.001 };
  function publisher(): { telemetry: Telemetry; warnings: string[]; tick: () => Promise<Map<string, number>> } {
    const telemetry = new Telemetry();
    const warnings: string[] = [];
    const log = createLogger({ level: 'warn', sink: (line) => void warnings.push(line) });
    let last = new Map<string, number>();
    const stage = new TelemetryPublisher(telemetry, agent, 'h', log, (batch) => {
      last = new Map(decodeBatch(batch).map((s) => [s.path, s.value]));
    });
    return {
      telemetry,
      warnings,
      tick: async () => {
        await stage.tick({ collectors: [], handlers: [] });
        return last;
      },
    };
  }

  it('publishes the heap after a full GC and suspects a main thread that keeps what it allocates', async () => {
    const { warnings, tick } = publisher();
    const kept: number[][] = [];
    let samples = new Map<string, number>();
    for (let round = 0; round < 12; round++) {
      kept.push(Array.from({ length: 40_000 }, (_, i) => i + round));
      await new Promise((r) => setTimeout(r, 2));
      samples = await tick();
    }
    expect(kept).toHaveLength(12);
    expect(samples.get('servers.h.spinel.agent.heap_after_gc_bytes')).toBeGreaterThan(12 * 40_000 * 8);
    expect(samples.get('servers.h.spinel.agent.suspected_leak')).toBe(1);
    expect(warnings).toEqual([
      expect.stringMatching(/the agent's main thread is suspected of leaking: its heap plus off-heap memory after GC rose at each of the last 12 readings/),
    ]);
  });

  it('leaves a main thread that only makes garbage clear, however much it makes', async () => {
    const { warnings, tick } = publisher();
    let samples = new Map<string, number>();
    for (let round = 0; round < 14; round++) {
      Array.from({ length: 40_000 }, (_, i) => i + round);
      await new Promise((r) => setTimeout(r, 2));
      samples = await tick();
    }
    expect(samples.get('servers.h.spinel.agent.suspected_leak')).toBe(0);
    expect(warnings).toEqual([]);
  });
});

import type { CollectorDefinition, HandlerDefinition, OptionsSchema, Sample } from '@spinel/sdk';
import { CollectorHarness } from './collector-harness.js';
import type { FakeTree } from './fake-fs.js';
import { forceGc, usedHeapBytes } from '@spinel/core';
import { createHandlerHarness } from './handler-harness.js';
import { countGrowth, objectCounts, type CountGrowth } from './heap-snapshot.js';

export interface RetainedReport {
  /** Heap used after a full GC, after each measured round. */
  heapBytes: number[];
  /**
   * Retained growth per round: the Theil–Sen slope of `heapBytes` (median of the slopes between
   * every pair of rounds), so one late GC or JIT step cannot push a flat heap over a budget.
   */
  slopeBytesPerRound: number;
  /** Constructors that gained live objects between the first and last measured round. */
  growth: CountGrowth[];
  rounds: number;
}

/** One round's input for a collector: its fake host trees, or nothing to read the live host. */
export type CollectorRound = { proc?: FakeTree; sys?: FakeTree; etc?: FakeTree } | undefined;

export type LeakTarget<S extends OptionsSchema> =
  | {
      collector: CollectorDefinition<S, unknown>;
      options?: Record<string, unknown>;
      interval?: number;
      live?: boolean;
      perRound: (round: number) => CollectorRound;
    }
  | { handler: HandlerDefinition<S>; options?: Record<string, unknown>; perRound: (round: number) => readonly Sample[]; clock?: () => number };

export interface MeasureOptions {
  /** Measured rounds (default 200). */
  rounds?: number;
  /** Rounds run before measuring, so caches and JIT settle (default 20). */
  warmup?: number;
  /** Take heap snapshots for the object-count view (slower; default true). */
  objectCounts?: boolean;
  /** Called after each measured round (for progress output). */
  onRound?: (round: number, heapBytes: number) => void | Promise<void>;
}

/** Least-squares slope of ys over their index. */
export function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

/**
 * Theil–Sen slope of ys over their index: the median of the slopes between every pair. A steady
 * leak shows in every pair; a single outlier moves it little.
 */
export function robustSlope(ys: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < ys.length; i++) for (let j = i + 1; j < ys.length; j++) slopes.push(((ys[j] ?? 0) - (ys[i] ?? 0)) / (j - i));
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  const mid = slopes.length >> 1;
  return slopes.length % 2 ? (slopes[mid] ?? 0) : ((slopes[mid - 1] ?? 0) + (slopes[mid] ?? 0)) / 2;
}

/**
 * Runs a collector or handler alone, round after round, each round with new input (new metric
 * names, new containers), forcing a full GC after each and recording the heap still used. A
 * plugin that keeps something per series shows a positive slope and the constructors that grow.
 */
export async function measureRetained<S extends OptionsSchema>(target: LeakTarget<S>, options: MeasureOptions = {}): Promise<RetainedReport> {
  const rounds = options.rounds ?? 200;
  const warmup = options.warmup ?? 20;
  let runRound: (round: number) => Promise<void>;
  let close: () => Promise<void>;
  if ('collector' in target) {
    const interval = target.interval ?? 10;
    // Series state lives three intervals here, not the agent's hour: churned names then leave the
    // state within the warm-up, so what still grows is state no TTL or cap bounds.
    const harness = new CollectorHarness(target.collector, {
      options: target.options ?? {},
      settings: { interval, seriesStateTtl: 3 * interval },
      live: target.live ?? false,
    });
    runRound = async (round) => {
      const step = await harness.step({ time: 1_700_000_000 + round * interval, ...(target.perRound(round) ?? {}) });
      if (step.result.error) throw new Error(`round ${round}: ${target.collector.name} failed: ${step.result.error.message}`);
    };
    close = () => harness.close();
  } else {
    const harness = await createHandlerHarness(target.handler, target.options ?? {}, target.clock);
    runRound = (round) => harness.process(target.perRound(round));
    close = () => harness.close();
  }
  try {
    for (let round = 0; round < warmup; round++) await runRound(round);
    forceGc();
    const before = options.objectCounts === false ? undefined : await objectCounts();
    const heapBytes: number[] = [];
    for (let round = warmup; round < warmup + rounds; round++) {
      await runRound(round);
      forceGc();
      const used = usedHeapBytes();
      heapBytes.push(used);
      await options.onRound?.(round - warmup, used);
    }
    forceGc();
    const growth = before ? countGrowth(before, await objectCounts()) : [];
    return { heapBytes, slopeBytesPerRound: robustSlope(heapBytes), growth, rounds };
  } finally {
    await close();
  }
}

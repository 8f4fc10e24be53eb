import { heapCensus } from '@spinel/core';

/**
 * Live objects per constructor name from a V8 heap snapshot: the view Pympler's SummaryTracker
 * gave Diamond users. Only objects, arrays and closures are counted (strings and code are not
 * "things the plugin keeps").
 */
export async function objectCounts(): Promise<Map<string, number>> {
  return (await heapCensus()).countsByName;
}

export interface CountGrowth {
  name: string;
  before: number;
  after: number;
  growth: number;
}

/** Constructors whose live object count grew, largest growth first. */
export function countGrowth(before: Map<string, number>, after: Map<string, number>, top = 10): CountGrowth[] {
  return [...after]
    .map(([name, count]) => ({ name, before: before.get(name) ?? 0, after: count, growth: count - (before.get(name) ?? 0) }))
    .filter((g) => g.growth > 0)
    .sort((a, b) => b.growth - a.growth)
    .slice(0, top);
}

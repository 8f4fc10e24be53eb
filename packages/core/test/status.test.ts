import { describe, expect, it } from 'vitest';
import { encodeBatch, HistorySet, Ring, SeriesStore, StatusBoard, type SampleInput } from '@spinel/core';

const sample = (name: string, value: number, timestamp: number): SampleInput => ({ path: `servers.h.test.${name}`, name, value, timestamp, type: 'gauge', precision: 2, dimensions: undefined });

describe('status page state', () => {
  it('a ring keeps the last N points, oldest first', () => {
    const ring = new Ring(3);
    for (let i = 1; i <= 5; i++) ring.push(i * 1000, i);
    expect(ring.points()).toEqual([[3000, 3], [4000, 4], [5000, 5]]);
    expect(ring.lastTime).toBe(5000);
    const set = new HistorySet(2);
    set.push('a', 1, 1);
    set.push('b', 1, 1);
    set.retain(new Set(['a']));
    expect(Object.keys(set.toJSON())).toEqual(['a']);
  });

  it('the series store holds at most series_max paths of series_points values, and forgets quiet ones', () => {
    let now = 1_000_000;
    const store = new SeriesStore(10, 4, 60_000, () => now);
    for (let round = 0; round < 20; round++) {
      store.record(encodeBatch('test', 'h', Array.from({ length: 50 }, (_, i) => sample(`m${round}_${i}`, i, now / 1000))));
      now += 1000;
    }
    expect(store.size).toBe(10);
    for (let round = 0; round < 6; round++) store.record(encodeBatch('test', 'h', [sample('m0_0', round, round)]));
    expect(store.values('servers.h.test.m0_0')?.map(([, v]) => v)).toEqual([2, 3, 4, 5]);
    // A minute and more without values: forgotten at the next sweep, room for new paths.
    now += 120_000;
    store.record(encodeBatch('test', 'h', [sample('fresh', 1, now / 1000)]));
    expect(store.size).toBe(0);
    store.record(encodeBatch('test', 'h', [sample('fresh', 2, now / 1000)]));
    expect(store.paths('', 10)).toEqual(['servers.h.test.fresh']);
    // It took a slot another path held: only its own value is there.
    expect(store.values('servers.h.test.fresh')).toEqual([[now, 2]]);
  });

  it('the board takes failures from the error log keys and clears them on the next good run or write', () => {
    let now = 5_000;
    const board = new StatusBoard(() => now);
    board.collector('cpu');
    board.handler('graphite');
    board.problem('run:cpu', 'collector cpu failed: boom', 'Error: boom\n    at x');
    expect(board.collectors.get('cpu')).toMatchObject({ failing: true, lastError: { message: 'collector cpu failed: boom', at: 5_000 } });
    now = 6_000;
    board.collectorRan('cpu', { durationMs: 2, samples: 10, failed: false }, 1000);
    expect(board.collectors.get('cpu')).toMatchObject({ failing: false, lastRunAt: 6_000, nextDueAt: 7_000, lastSamples: 10 });
    board.problem('process:graphite', 'handler graphite failed a batch', undefined);
    expect(board.handlers.get('graphite')?.failing).toBe(true);
    board.dropped('graphite', 'queue_full', 7);
    board.dropped('graphite', 'queue_full', 3);
    board.delivered('graphite');
    expect(board.handlers.get('graphite')).toMatchObject({ failing: false, droppedBy: { queue_full: 10 }, lastDropAt: 6_000, lastWriteAt: 6_000 });
    for (let i = 0; i < 15; i++) board.reloaded(i % 2 === 0, `reload ${i}`);
    expect(board.reloads.length).toBe(10);
  });
});

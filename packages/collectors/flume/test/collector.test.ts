// Flume is not in Debian: Diamond's recorded answers (conformance/diamond/flume, from its flume
// test) replay over HTTP from @spinel/testing's replay server, and a second page with the counts
// moved checks the rates.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import collector, { flumeFigures } from '@spinel/collector-flume';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const recorded = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../../conformance/diamond/flume/${name}`, import.meta.url)), 'utf8');
const METRICS = recorded('metrics');

/** The recorded page with every count of the sink moved by `by`. */
function moved(by: number): string {
  const document = JSON.parse(METRICS) as Record<string, Record<string, string>>;
  const sink = document['SINK.sink1'] ?? {};
  for (const key of Object.keys(sink)) if (key.endsWith('Count')) sink[key] = String(Number(sink[key]) + by);
  return JSON.stringify(document);
}

describe('flume figures', () => {
  it("are Diamond's: Count dropped from counters' names, unknown component types passed over", () => {
    const figures = flumeFigures({ ...(JSON.parse(METRICS) as Record<string, unknown>), 'INTERCEPTOR.i1': { Type: 'INTERCEPTOR', EventCount: '3' } });
    expect(figures).toHaveLength(20);
    expect(figures.find((f) => f.name === 'SINK.sink1.BatchComplete')).toEqual({ name: 'SINK.sink1.BatchComplete', value: 251705, counter: true });
    expect(figures.find((f) => f.name === 'CHANNEL.channel1.ChannelFillPercentage')).toEqual({
      name: 'CHANNEL.channel1.ChannelFillPercentage',
      value: 0,
      counter: false,
    });
  });
});

describe('flume collector against a replay of its HTTP endpoint', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer('http');
  });
  afterAll(async () => replay?.close());

  it('counts become per-second rates over the interval; the fill percentage is published as it is', async () => {
    const h = new CollectorHarness(collector, { options: { req_host: replay.host, req_port: replay.port }, settings: { interval: 10 } });
    replay.answer({ 'GET /metrics': METRICS });
    const first = await h.step({ time: 100 });
    replay.answer({ 'GET /metrics': moved(50) });
    const second = await h.step({ time: 110 });
    await h.close();
    expect(first.result.error).toBeUndefined();
    expect([...first.values.keys()]).toEqual(['CHANNEL.channel1.ChannelFillPercentage']);
    expect(second.values.get('SINK.sink1.BatchComplete')).toBe(5);
    expect(second.values.get('SINK.sink1.EventDrainSuccess')).toBe(5);
    expect(second.values.get('SOURCE.source1.EventAccepted')).toBe(0);
    expect(second.values.size).toBe(20);
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
    expect(replay.unanswered).toEqual([]);
  });

  it('a document that is not JSON, or not there, fails the run naming the URL', async () => {
    const h = new CollectorHarness(collector, { options: { req_host: replay.host, req_port: replay.port, req_path: '/other' }, settings: { interval: 10 } });
    replay.answer({ 'GET /other': recorded('metrics_invalid') });
    expect((await h.step({ time: 1 })).result.error?.message).toBe(
      `GET http://${replay.host}:${replay.port}/other answered something that is not JSON: invalid json`,
    );
    replay.answer({});
    expect((await h.step({ time: 2 })).result.error?.message).toBe(`GET http://${replay.host}:${replay.port}/other answered HTTP 404: not in the recording`);
    await h.close();
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    replay.answer({ 'GET /metrics': METRICS });
    const report = await measureRetained(
      { collector, live: true, options: { req_host: replay.host, req_port: replay.port }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

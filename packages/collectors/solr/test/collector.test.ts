// Solr is not in Debian: Diamond's recorded answers (conformance/diamond/solr, from its solr test)
// replay over HTTP from @spinel/testing's replay server, for Solr's default core and for named ones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import collector from '@spinel/collector-solr';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const recorded = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../../conformance/diamond/solr/${name}`, import.meta.url)), 'utf8');

/** The recording as two named cores' answers. */
function twoCores(): Record<string, string> {
  const answers: Record<string, string> = { 'GET /solr/admin/cores?action=STATUS&wt=json': JSON.stringify({ status: { books: {}, films: {} } }) };
  for (const core of ['books', 'films']) {
    answers[`GET /solr/${core}/admin/ping?wt=json`] = recorded('ping');
    answers[`GET /solr/${core}/admin/mbeans?stats=true&wt=json`] = recorded('stats');
    answers[`GET /solr/${core}/admin/system?stats=true&wt=json`] = recorded('system');
  }
  return answers;
}

describe('solr collector against a replay of its admin API', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer('http');
  });
  afterAll(async () => replay?.close());
  const harness = (options: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, { options: { host: replay.host, port: replay.port, ...options }, settings: { interval: 10 } });

  it("names each core's figures under it; totals are counters, levels gauges, JVM memory in MB as Solr prints it", async () => {
    replay.answer(twoCores());
    const h = harness();
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(step.values.get('books.queryhandler.standard.requests')).toBe(3);
    expect(step.values.get('films.jvm.mem.max')).toBe(185.6);
    expect(step.samples.find((s) => s.name === 'books.queryhandler.standard.requests')?.type).toBe('counter');
    expect(step.samples.find((s) => s.name === 'books.core.numDocs')?.type).toBe('gauge');
    expect(step.samples).toHaveLength(2 * 77);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
    expect(replay.unanswered).toEqual([]);
  });

  it('`core` reads one core without listing them; `stats` leaves the rest unrequested', async () => {
    replay.answer(twoCores());
    const h = harness({ core: 'films', stats: ['jvm'] });
    const step = await h.step({ time: 1 });
    await h.close();
    expect([...step.values.keys()].sort()).toEqual(['films.jvm.mem.free', 'films.jvm.mem.max', 'films.jvm.mem.total', 'films.jvm.mem.used']);
  });

  it('a core that does not answer is passed over and named; the others are published', async () => {
    const answers = twoCores();
    delete answers['GET /solr/books/admin/mbeans?stats=true&wt=json'];
    replay.answer(answers);
    const h = harness();
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe(
      `GET http://${replay.host}:${replay.port}/solr/books/admin/mbeans?stats=true&wt=json answered HTTP 404: not in the recording`,
    );
    expect([...step.values.keys()].some((name) => name.startsWith('books.'))).toBe(false);
    expect(step.values.get('films.core.maxDoc')).toBe(321);
  });

  // Each round parses 150 KB of JSON (two cores' mbeans) through many functions. On Node 20, whose
  // V8 keeps bytecode and compilation data in the old space (usedHeapBytes leaves out only the code
  // spaces there), the heap after GC creeps about 1 KB a round for the first few hundred rounds
  // with no object count growing, then flattens (0.5 KB over rounds 220-420): measured after 300.
  it('retains under 1 KB per round over 200 rounds', async () => {
    replay.answer(twoCores());
    const report = await measureRetained(
      { collector, live: true, options: { host: replay.host, port: replay.port }, perRound: () => undefined },
      { rounds: 200, warmup: 300, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

// Diamond's CassandraJolokiaCollector tests (testcassandra_jolokia.py) on the functions they test,
// and the collector against a replay of a Cassandra node's Jolokia agent serving its histogram.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import { compileRewrites } from '@spinel/collector-jolokia';
import collector, { cassandraName, computePercentile, createOffsets } from '@spinel/collector-cassandrajolokia';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

/** Diamond's fixture_a: 92 buckets, 25 of them counted. */
function fixtureA(): number[] {
  const values = new Array<number>(92).fill(0);
  values.splice(30, 25, 3, 3, 1, 1, 8, 5, 6, 1, 6, 5, 3, 8, 9, 10, 7, 8, 7, 5, 5, 5, 3, 3, 2, 2, 2);
  return values;
}
const EXPECTED = { p25: 192, p50: 398, p75: 824, p95: 2050, p99: 2952 };

describe("Diamond's percentile tests", () => {
  it('test_should_compute_percentiles_accurately (and every percentile the tests name)', () => {
    const offsets = createOffsets(90);
    expect(computePercentile(offsets, fixtureA(), 50)).toBe(398);
    const own = createOffsets(91);
    expect([25, 50, 75, 95, 99].map((p) => computePercentile(own, fixtureA(), p))).toEqual(Object.values(EXPECTED));
  });

  it('test_should_compute_percentiles_accurately_when_empty', () => {
    const offsets = createOffsets(90);
    expect([50, 95, 99].map((p) => computePercentile(offsets, new Array<number>(91).fill(0), p))).toEqual([0, 0, 0]);
  });

  it('refuses percentiles outside 0-100 and a histogram_regex that does not compile, naming them', () => {
    expect(validatePluginOptions(collector, { percentiles: '25,75' }).value.percentiles).toEqual([25, 75]);
    const keys = (options: Record<string, unknown>) => validatePluginOptions(collector, options).issues.map((i) => i.key);
    expect(keys({ percentiles: [50, 101] })).toEqual(['percentiles']);
    expect(keys({ histogram_regex: '(' })).toEqual(['histogram_regex']);
  });
});

describe("the Metricly fork's Cassandra names", () => {
  const name = (text: string) => cassandraName(text, compileRewrites({}));
  it('groups tables under their keyspace, thread pools under their path, the statistic last', () => {
    expect(name('org.apache.cassandra.metrics:keyspace=app,name=ReadLatency,scope=users,type=Table.Count')).toBe(
      'Keyspace._Keyspaces.app._Tables.users.ReadLatency.Count',
    );
    expect(name('org.apache.cassandra.metrics:name=Latency,scope=Read,type=ClientRequest.OneMinuteRate')).toBe('ClientRequest.Read.Latency.OneMinuteRate');
    expect(name('org.apache.cassandra.metrics:name=PendingTasks,path=request,scope=MutationStage,type=ThreadPools.Value')).toBe(
      'ThreadPools.MutationStage.PendingTasks',
    );
    expect(name('org.apache.cassandra.metrics:name=PendingTasks,path=request,scope=MutationStage,type=ThreadPool.Value')).toBe(
      'ThreadPool.request.MutationStage.PendingTasks',
    );
    expect(name('org.apache.cassandra.db:type=Caches.KeyCacheHits')).toBe('Cache.KeyCacheHits');
    expect(name('org.apache.cassandra.net:type=MessagingService.DroppedMessages.MUTATION')).toBe('DroppedMessage.MUTATION');
    expect(name('java.lang:name=ParNew,type=GarbageCollector.CollectionCount')).toBe('jvm.GarbageCollector.CollectionCount');
    expect(name('com.example:name=Thing,type=Widget.Size')).toBe('com.example.Widget.ThingSize');
  });
});

/** A Cassandra node's read of its metrics domain: a latency histogram, a list that is not one, counters. */
const READ = JSON.stringify({
  status: 200,
  value: {
    'org.apache.cassandra.db:columnfamily=HintsColumnFamily,keyspace=system,type=ColumnFamilies': {
      RecentReadLatencyHistogramMicros: fixtureA(),
      RecentReadLatencyMicros: fixtureA(),
      LiveSSTableCount: 4,
    },
    'org.apache.cassandra.metrics:name=Latency,scope=Read,type=ClientRequest': { Count: 1200, OneMinuteRate: 2.5 },
  },
});
const PATH = 'GET /jolokia/?maxCollectionSize=0&ignoreErrors=true&canonicalNaming=true&p=read%2Forg.apache.cassandra.db%3A%2A';
const METRICS = 'GET /jolokia/?maxCollectionSize=0&ignoreErrors=true&canonicalNaming=true&p=read%2Forg.apache.cassandra.metrics%3A%2A';

describe('cassandrajolokia collector against a replay of a Cassandra node', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer('http');
  });
  afterAll(async () => replay?.close());
  const harness = (options: Record<string, unknown> = {}) =>
    new CollectorHarness(collector, {
      options: { host: replay.host, port: replay.port, domains: ['org.apache.cassandra.db', 'org.apache.cassandra.metrics'], ...options },
    });

  it('test_should_escape_histogram_attributes and test_should_not_collect_non_histogram_attributes, through the agent: only the histogram is read as percentiles', async () => {
    replay.answer({ [PATH]: READ, [METRICS]: READ });
    const h = harness();
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const base = 'org.apache.cassandra.db.columnfamily_HintsColumnFamily.keyspace_system.type_ColumnFamilies.RecentReadLatencyHistogramMicros';
    expect(Object.fromEntries([...step.values].filter(([k]) => k.includes('Histogram')))).toEqual({
      [`${base}.p50`]: EXPECTED.p50,
      [`${base}.p95`]: EXPECTED.p95,
      [`${base}.p99`]: EXPECTED.p99,
    });
    expect([...step.values.keys()].some((k) => k.includes('RecentReadLatencyMicros'))).toBe(false);
    expect(step.values.get('org.apache.cassandra.db.columnfamily_HintsColumnFamily.keyspace_system.type_ColumnFamilies.LiveSSTableCount')).toBe(4);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('test_should_respect_percentiles_config and test_should_respect_histogram_regex_config; naming: metricly', async () => {
    replay.answer({ [PATH]: READ, [METRICS]: READ });
    const h = harness({ percentiles: '25,75', histogram_regex: '.*RecentReadLatencyMicros$', naming: 'metricly' });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(Object.fromEntries([...step.values].filter(([k]) => /\.p\d+$/.test(k)))).toEqual({
      'Keyspace._Keyspaces.system._Tables.HintsColumnFamily.RecentReadLatencyMicros.p25': EXPECTED.p25,
      'Keyspace._Keyspaces.system._Tables.HintsColumnFamily.RecentReadLatencyMicros.p75': EXPECTED.p75,
    });
    expect(step.values.get('ClientRequest.Read.Latency.Count')).toBe(1200);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    replay.answer({ [PATH]: READ, [METRICS]: READ });
    const report = await measureRetained(
      {
        collector,
        live: true,
        options: { host: replay.host, port: replay.port, domains: ['org.apache.cassandra.db', 'org.apache.cassandra.metrics'] },
        perRound: () => undefined,
      },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

// Elasticsearch is not in Debian: Diamond's recorded answers (conformance/diamond/elasticsearch, from
// its elasticsearch test) replay over HTTP from @spinel/testing's replay server; the conformance
// suite holds Diamond's own assertions, these tests the rest.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '@spinel/plugin-kit';
import { validatePluginOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import collector, { parseInstances } from '@spinel/collector-elasticsearch';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const recorded = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../../conformance/diamond/elasticsearch/${name}`, import.meta.url)), 'utf8');
const node = (stats: string, indices: string, cluster = 'cluster_stats_v2') => ({
  'GET /_nodes/_local/stats': recorded(stats),
  'GET /_stats': recorded(indices),
  'GET /_cluster/health': recorded(cluster),
});

describe('elasticsearch instances', () => {
  it("reads Diamond's `[<alias>@]<host>[:<port>]` as its tests do", () => {
    expect(parseInstances([], '127.0.0.1', 9200)).toEqual([{ alias: '', host: '127.0.0.1', port: 9200 }]);
    expect(parseInstances(['bla'], '127.0.0.1', 9200)).toEqual([{ alias: 'default', host: 'bla', port: 9200 }]);
    expect(parseInstances(['something', 'foo@1234', 'bar@bla:1234'], '127.0.0.1', 9200)).toEqual([
      { alias: 'bar', host: 'bla', port: 1234 },
      { alias: 'default', host: 'something', port: 9200 },
      { alias: 'foo', host: '1234', port: 9200 },
    ]);
    const issues = validatePluginOptions(collector, { instances: ['ok@es1:9200', 'bad@es2:99999', '@:9200'] }).issues;
    expect(issues.map((i) => `${i.key}: ${i.expected}`)).toEqual([
      'instances[1]: [<alias>@]<host>[:<port>] with a port from 1 to 65535',
      'instances[2]: [<alias>@]<host>[:<port>] with a host',
    ]);
  });
});

describe('elasticsearch collector against a replay of its REST API', () => {
  const replays: ReplayServer[] = [];
  beforeAll(async () => {
    replays.push(await startReplayServer('http'), await startReplayServer('http'));
  });
  afterAll(async () => Promise.all(replays.map((r) => r.close())));
  const [first, second] = [() => replays[0] as ReplayServer, () => replays[1] as ReplayServer];

  it('publishes every figure of the three documents, each declared: totals as counters, levels as gauges', async () => {
    first().answer(node('stats', 'indices_stats'));
    const h = new CollectorHarness(collector, { options: { host: first().host, port: first().port, cluster: true } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(first().unanswered).toEqual([]);
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
    const type = (name: string) => step.samples.find((s) => s.name === name)?.type;
    expect([
      type('http.current'),
      type('transport.rx.count'),
      type('jvm.gc.collection.count'),
      type('thread_pool.generic.threads'),
      type('network.tcp.active_opens'),
    ]).toEqual(['gauge', 'counter', 'counter', 'gauge', 'counter']);
    expect([
      type('indices.test.indexing.index_total'),
      type('indices.test.get.total'),
      type('indices._all.search.query_time_in_millis'),
      type('indices.test.store.size_in_bytes'),
    ]).toEqual(['counter', 'counter', 'counter', 'gauge']);
    expect(step.values.get('cluster_health.status')).toBe(2);
    expect(step.values.get('jvm.gc.collection.count')).toBeGreaterThan(0);
  });

  it("test_multi_instances_with_real_data: each node's figures under its alias", async () => {
    first().answer(node('stats', 'indices_stats'));
    second().answer(node('stats2', 'indices_stats2'));
    const h = new CollectorHarness(collector, {
      options: { instances: [`esprodata01@${first().host}:${first().port}`, `esprodata02@${second().host}:${second().port}`] },
    });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const values = Object.fromEntries(step.values);
    expect(values).toMatchObject({
      'esprodata01.http.current': 1,
      'esprodata02.http.current': 2,
      'esprodata01.indices.docs.count': 11968062,
      'esprodata02.indices.docs.count': 11968000,
      'esprodata01.thread_pool.generic.threads': 1,
      'esprodata02.thread_pool.generic.threads': 2,
      'esprodata01.jvm.mem.pools.Par_Survivor_Space.max': 8716288,
      'esprodata02.jvm.mem.pools.Par_Survivor_Space.max': 8710000,
      'esprodata01.indices._all.docs.count': 4,
      'esprodata02.indices._all.docs.count': 8,
    });
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
  });

  it('a node that does not answer is named in the error and the other is published', async () => {
    first().answer(node('stats', 'indices_stats'));
    const closed = await startReplayServer('http');
    await closed.close();
    const h = new CollectorHarness(collector, { options: { instances: [`up@${first().host}:${first().port}`, `down@${closed.host}:${closed.port}`] } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe(
      `GET http://${closed.host}:${closed.port}/_nodes/_local/stats failed: connect ECONNREFUSED ${closed.host}:${closed.port}`,
    );
    expect(step.values.get('up.http.current')).toBe(1);
    expect([...step.values.keys()].some((name) => name.startsWith('down.'))).toBe(false);
  });

  it('`stats` and `cluster` decide what is requested: jvm alone asks only for the node stats', async () => {
    first().answer({ 'GET /_nodes/_local/stats': recorded('stats') });
    const h = new CollectorHarness(collector, { options: { host: first().host, port: first().port, stats: ['jvm'] } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(first().unanswered).toEqual([]);
    expect([...step.values.keys()].some((name) => name.startsWith('thread_pool.') || name.startsWith('indices._all'))).toBe(false);
    expect(step.values.get('jvm.threads.count')).toBeGreaterThan(0);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    first().answer(node('stats', 'logstash_indices_stats'));
    const report = await measureRetained(
      { collector, live: true, options: { host: first().host, port: first().port, cluster: true, logstash_mode: true }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe('elasticsearch with Basic auth (Shield, X-Pack security)', () => {
  it('sends user and password as Basic auth, and a refusal never shows the password', async () => {
    const seen: Array<string | undefined> = [];
    const server = http.createServer((request, response) => {
      seen.push(request.headers.authorization);
      const ok = request.headers.authorization === `Basic ${Buffer.from('monitor:s3cret-pass').toString('base64')}`;
      response
        .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
        .end(ok ? recorded('stats') : `{"error":"bad credentials for ${request.headers.authorization ?? ''}"}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const run = async (password: string) => {
      const h = new CollectorHarness(collector, { options: { host: '127.0.0.1', port, user: 'monitor', password, stats: ['jvm'] } });
      const step = await h.step({ time: 1 });
      await h.close();
      return step;
    };
    const good = await run('s3cret-pass');
    const bad = await run('wrong-pass');
    server.close();
    expect(good.result.error).toBeUndefined();
    expect(good.values.get('http.current')).toBe(1);
    expect(bad.result.error?.message).toContain('answered HTTP 401');
    expect(bad.result.error?.message).not.toContain('wrong-pass');
    expect(bad.result.error?.message).not.toContain(Buffer.from('monitor:wrong-pass').toString('base64'));
    expect(seen).toHaveLength(2);
  });
});

// Consul is not in Debian and no one recorded its answers for Diamond: the sample answers of
// Consul's API documentation, and an agent-metrics answer Telegraf recorded from Consul 1.10.4,
// replay over HTTP (test/fixtures/SOURCES.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import collector, { trimmedName, worstStatus } from '@spinel/collector-consul';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url)), 'utf8');
const CONSUL = {
  'GET /v1/catalog/nodes': fixture('catalog_nodes'),
  'GET /v1/health/node/baz': fixture('health_node_baz'),
  'GET /v1/health/node/foobar': fixture('health_node_foobar'),
  'GET /v1/catalog/services': fixture('catalog_services'),
  'GET /v1/health/service/consul': fixture('health_service_consul'),
  'GET /v1/health/service/redis': fixture('health_service_redis'),
  'GET /v1/health/service/postgresql': fixture('health_service_postgresql'),
  'GET /v1/agent/metrics': fixture('agent_metrics'),
};

describe('consul statuses and names', () => {
  it('a set of checks is as bad as its worst; consul. comes out of agent metric names', () => {
    expect([worstStatus(['passing', 'critical', 'warning']), worstStatus(['passing', 'warning']), worstStatus([])]).toEqual(['critical', 'warning', 'passing']);
    expect(trimmedName('consul.consul.members.clients')).toBe('members.clients');
  });
});

describe('consul collector against replayed answers', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer('http');
  });
  afterAll(async () => replay?.close());

  it("counts nodes and services by their worst check, and publishes the agent's gauges, counters and sample means", async () => {
    replay.answer(CONSUL);
    const h = new CollectorHarness(collector, { options: { url: `http://${replay.host}:${replay.port}` } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(replay.unanswered).toEqual([]);
    expect(Object.fromEntries(step.values)).toEqual({
      'catalog.total_nodes': 2,
      'catalog.nodes_up': 2,
      'catalog.nodes_critical': 1,
      'catalog.passing': 1,
      'catalog.warning': 0,
      'service.services_up': 3,
      'service.services_passing': 2,
      'service.services_warning': 0,
      'service.services_critical': 1,
      'members.clients': 0,
      'counter.rpc.request': 5,
      'api.http': 4.14815616607666,
    });
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('a catalog needing more health requests than max_requests fails that part, naming the limit; the agent metrics still come', async () => {
    replay.answer(CONSUL);
    const h = new CollectorHarness(collector, { options: { url: `http://${replay.host}:${replay.port}`, max_requests: 3 } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe('the catalog needs more than max_requests (3) health requests');
    expect(step.values.get('catalog.total_nodes')).toBe(2);
    expect(step.values.get('counter.rpc.request')).toBe(5);
  });

  // Eight requests a round. On Node 20, whose V8 keeps bytecode and compilation data in the old
  // space, the heap after GC creeps about 1 KB a round for the first few hundred rounds; on Node
  // 22+ (and the Node 26 the packages ship) it is flat from the start (kafka's test says the same).
  it('retains under 1 KB per round over 200 rounds', async () => {
    replay.answer(CONSUL);
    const report = await measureRetained(
      { collector, live: true, options: { url: `http://${replay.host}:${replay.port}` }, perRound: () => undefined },
      { rounds: 200, warmup: 300, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

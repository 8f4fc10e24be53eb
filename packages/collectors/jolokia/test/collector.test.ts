// No JVM with a Jolokia agent is in Debian: Diamond's recorded answers (conformance/diamond/jolokia,
// from its jolokia test) replay over HTTP; the conformance suite holds Diamond's own assertions.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '@spinel/plugin-kit';
import { validatePluginOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import collector, { compileRewrites, metriclyName } from '@spinel/collector-jolokia';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const recorded = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../../conformance/diamond/jolokia/${name}`, import.meta.url)), 'utf8');
const LIST = 'GET /jolokia/list?maxDepth=1&maxCollectionSize=0';
const read = (domain: string, canonical = true) => `GET /jolokia/?maxCollectionSize=0&ignoreErrors=true&canonicalNaming=${canonical}&p=read%2F${domain}%3A%2A`;

/** A Kafka broker's read, with the MBean names Jolokia gives canonically (keys sorted). */
const KAFKA = JSON.stringify({
  status: 200,
  value: {
    'kafka.server:name=BytesInPerSec,type=BrokerTopicMetrics': { Count: 1200, OneMinuteRate: 2.5, RateUnit: 'SECONDS' },
    'java.lang:name=Code Cache,type=MemoryPool': { Usage: { max: 251658240, used: 1048576 }, Valid: true },
    'java.lang:type=Memory': { HeapMemoryUsage: { used: 4096 } },
  },
});

describe('jolokia naming', () => {
  it("the Metricly fork's: domain.type, other keys, name, then the attribute path glued to the name", () => {
    const rewrites = compileRewrites({});
    expect(metriclyName('java.lang:name=ParNew,type=GarbageCollector.CollectionCount', rewrites)).toBe('java.lang.GarbageCollector.ParNewCollectionCount');
    expect(metriclyName('java.lang:name=Code Cache,type=MemoryPool.Usage.max', rewrites)).toBe('java.lang.MemoryPool.Code_CacheUsage.max');
    expect(metriclyName('java.nio:name=direct,type=BufferPool.Count', rewrites)).toBe('java.nio.BufferPool.directCount');
    expect(metriclyName('kafka.log:partition=0,topic=web.logs,type=Log.Size', rewrites)).toBe('kafka.log.Log.partition.0.topic.web-logsSize');
  });

  it('rewrites take Python replacement strings, in order, after the built-in clean-up', () => {
    const rewrites = compileRewrites({ '^java\\.lang\\.(\\w+)': 'jvm.\\1', Usage: '' });
    expect(metriclyName('java.lang:name=Code Cache,type=MemoryPool.Usage.max', rewrites)).toBe('jvm.MemoryPool.Code_Cache.max');
  });

  it('refuses a pattern that does not compile, naming it', () => {
    const issues = validatePluginOptions(collector, { mbeans: 'java.lang|(', rewrite: { '[': 'x' } }).issues.map((i) => i.key);
    expect(issues).toEqual(['mbeans[1]', 'rewrite.[']);
  });
});

describe('jolokia collector against a replay of its agent', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer('http');
  });
  afterAll(async () => replay?.close());
  const harness = (options: Record<string, unknown> = {}) => new CollectorHarness(collector, { options: { host: replay.host, port: replay.port, ...options } });

  it('lists the domains once, then reads each run; every figure declared, a boolean and a list passed over', async () => {
    replay.answer({ [LIST]: recorded('listing'), [read('java.lang')]: recorded('stats') });
    const h = harness();
    await h.step({ time: 1 });
    replay.answer({ [read('java.lang')]: recorded('stats') });
    const second = await h.step({ time: 2 });
    await h.close();
    expect(second.result.error).toBeUndefined();
    expect(replay.unanswered).toEqual([]);
    expect(second.values.get('java.lang.name_ParNew.type_GarbageCollector.LastGcInfo.CollectionCount')).toBe(219);
    expect([...second.values.keys()].some((name) => /Valid|MemoryPoolNames/.test(name))).toBe(false);
    expect(catalogueProblems(collector, second.samples, true)).toEqual([]);
  });

  it('`domains` skips the listing, `use_canonical_names: false` asks for names as registered, `mbeans` keeps what matches', async () => {
    replay.answer({ [read('kafka.server', false)]: KAFKA, [read('java.lang', false)]: KAFKA });
    const h = harness({ domains: 'kafka.server|java.lang', use_canonical_names: false, mbeans: ['kafka\\.server:', 'java.lang.type_Memory'] });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(replay.unanswered).toEqual([]);
    expect(Object.fromEntries(step.values)).toEqual({
      'kafka.server.name_BytesInPerSec.type_BrokerTopicMetrics.Count': 1200,
      'kafka.server.name_BytesInPerSec.type_BrokerTopicMetrics.OneMinuteRate': 2.5,
      'java.lang.type_Memory.HeapMemoryUsage.used': 4096,
    });
  });

  it("`naming: metricly` publishes the fork's names", async () => {
    replay.answer({ [read('java.lang')]: KAFKA });
    const h = harness({ domains: ['java.lang'], naming: 'metricly' });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.values.get('java.lang.MemoryPool.Code_CacheUsage.max')).toBe(251658240);
    expect(step.values.get('java.lang.Memory.HeapMemoryUsage.used')).toBeUndefined();
    expect(step.values.get('java.lang.MemoryHeapMemoryUsage.used')).toBe(4096);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    replay.answer({ [LIST]: recorded('listing'), [read('java.lang')]: recorded('stats') });
    const report = await measureRetained(
      { collector, live: true, options: { host: replay.host, port: replay.port }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe('jolokia with Basic auth', () => {
  it('sends username and password as Basic auth; a refusal never shows the password', async () => {
    const seen: Array<string | undefined> = [];
    const server = http.createServer((request, response) => {
      seen.push(request.headers.authorization);
      const ok = request.headers.authorization === `Basic ${Buffer.from('user:password').toString('base64')}`;
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? recorded('stats') : 'no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const run = async (password: string) => {
      const h = new CollectorHarness(collector, { options: { host: '127.0.0.1', port, domains: ['java.lang'], username: 'user', password } });
      const step = await h.step({ time: 1 });
      await h.close();
      return step;
    };
    const good = await run('password');
    const bad = await run('not-the-password');
    server.close();
    expect(good.result.error).toBeUndefined();
    expect(good.values.get('java.lang.name_ParNew.type_GarbageCollector.LastGcInfo.id')).toBe(219);
    expect(bad.result.error?.message).toContain('answered HTTP 401');
    expect(bad.result.error?.message).not.toContain('not-the-password');
    expect(seen).toHaveLength(2);
  });
});

// MongoDB is not in Debian: Diamond's recorded serverStatus and its tests' answers (conformance/
// diamond/mongodb) replay through @spinel/testing's MongoDB wire server, with the official driver
// on the client side; the conformance suite holds Diamond's own assertions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import collector, { crc32, walkTree } from '@spinel/collector-mongodb';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../conformance/diamond/mongodb/${name}.json`, import.meta.url)), 'utf8'));
const answers = (status: string) => ({
  'serverStatus admin': recorded(status),
  'listDatabases admin': recorded('databases'),
  'dbStats db1': recorded('long'),
  'listCollections db1': recorded('collections'),
  'collStats db1.collection1': recorded('collstats'),
});

describe('mongodb documents', () => {
  it('publishes numeric leaves as Diamond did: spaces as _, dashes as dots, booleans as 1/0, dates in epoch seconds', () => {
    const out: Record<string, number> = {};
    walkTree(
      ['x'],
      { 'a b': { 'c-d': 1 }, on: true, at: new Date(1_700_000_000_000), s: 'text', list: [1] },
      { replaceDashes: true },
      (name, value) => (out[name] = value),
    );
    expect(out).toEqual({ 'x.a_b.c.d': 1, 'x.on': 1, 'x.at': 1_700_000_000 });
  });

  it("samples collections by zlib's CRC32 of their name", () => {
    expect(crc32('')).toBe(0);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });
});

describe('mongodb collector against a MongoDB wire replay', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer('mongodb');
  });
  afterAll(async () => replay?.close());

  it("the real server's figures, each declared, rates on the second run; databases and collections filtered", async () => {
    replay.answer(answers('real_serverStatus_response'));
    const h = new CollectorHarness(collector, { options: { hosts: [`${replay.host}:${replay.port}`], databases: '^db' }, settings: { interval: 10 } });
    await h.step({ time: 1 });
    const step = await h.step({ time: 11 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(replay.unanswered).toEqual([]);
    expect(step.values.get('opcounters.query')).toBe(125030709);
    expect(step.values.get('opcounters_per_sec.query')).toBe(0);
    expect(step.values.get('databases.db1.collection1.key')).toBe(2);
    expect([...step.values.keys()].some((name) => name.includes('tmp.mr') || name.includes('baddb'))).toBe(false);
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
  });

  it("several servers: each under its alias, or its host with ':' and '.' as '_' (the multi-host tests)", async () => {
    replay.answer(answers('nested'));
    const address = `${replay.host}:${replay.port}`;
    const h = new CollectorHarness(collector, { options: { hosts: [address, `second@${address}`], databases: '^db' } });
    const step = await h.step({ time: 1 });
    await h.close();
    const first = address.replace(/[:.]/g, '_');
    expect(step.values.get(`${first}.more_keys.nested_key`)).toBe(1);
    expect(step.values.get('second.more_keys.nested_key')).toBe(1);
    expect(step.values.get(`${first}.databases.db1.collection1.key`)).toBe(2);
  });

  it('a server that does not answer is named after network_timeout; nothing else stops', async () => {
    const h = new CollectorHarness(collector, { options: { hosts: ['127.0.0.1:9'], network_timeout: 0.5 } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toMatch(/^mongodb:\/\/127\.0\.0\.1:9\/\?directConnection=true: connect ECONNREFUSED|^127\.0\.0\.1:9: /);
  });

  // Six commands a round through the driver. On Node 20, whose V8 keeps bytecode and compilation
  // data in the old space, the heap after GC creeps about 1 KB a round for the first few hundred
  // rounds; on Node 22+ (and the Node 26 the packages ship) it is flat from the start.
  it('retains under 1 KB per round over 200 rounds', async () => {
    replay.answer(answers('real_serverStatus_response'));
    const report = await measureRetained(
      { collector, live: true, options: { hosts: [`${replay.host}:${replay.port}`], databases: '^db' }, perRound: () => undefined },
      { rounds: 200, warmup: 300, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

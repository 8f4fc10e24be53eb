// Debian's ZooKeeper of the tests' own on a free port, and its recorded mntr answer replayed (on
// TCP and on a unix socket, as Diamond's hosts syntax allows).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePluginOptions } from '@spinel/sdk';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';
import collector, { parseZookeeperHost } from '@spinel/collector-zookeeper';
import { haveZookeeper, startZookeeper, type ZookeeperServer } from '../../../../tooling/services/zookeeper.mjs';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const MNTR = 'zk_version\t3.8.0\nzk_server_state\tstandalone\nzk_avg_latency\t0.5\nzk_num_alive_connections\t3\nzk_znode_count\t12\n';

describe('hosts', () => {
  it("reads Diamond's syntax: host:port, alias@host:port, a socket path", () => {
    expect(parseZookeeperHost('zk1:2181')).toEqual({ alias: undefined, host: 'zk1', port: 2181 });
    expect(parseZookeeperHost('app@10.0.0.5:2182')).toEqual({ alias: 'app', host: '10.0.0.5', port: 2182 });
    expect(parseZookeeperHost('app@/run/zk.sock')).toEqual({ alias: 'app', host: '/run/zk.sock', port: undefined });
  });

  it('refuses an entry it cannot read and two servers without an alias, naming the key', () => {
    const issues = (hosts: unknown) => validatePluginOptions(collector, { hosts }).issues.map((i) => `${i.key}: ${i.expected}, found ${i.found}`);
    expect(issues(['zk1:2181', 'b@zk2:2181'])).toEqual([]);
    expect(issues(['zk1:21x'])[0]).toBe('hosts: host:port, alias@host:port or a socket path, found "zk1:21x"');
    expect(issues(['zk1:2181', 'zk2:2181'])[0]).toContain('an alias (alias@host:port) on all servers but one');
  });
});

describe('zookeeper collector against a replayed mntr', () => {
  let replay: ReplayServer;
  let socketReplay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer('line');
    socketReplay = await startReplayServer('line', { socket: path.join(mkdtempSync(path.join(os.tmpdir(), 'spinel-zk-')), 'zk.sock') });
    replay.answer({ mntr: MNTR });
    socketReplay.answer({ mntr: MNTR });
  });
  afterAll(async () => Promise.all([replay?.close(), socketReplay?.close()]));

  it('publishes every numeric figure, an aliased server under its alias, a socket as Diamond reads one; `publish` narrows them', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { hosts: [`${replay.host}:${replay.port}`, `sock@${socketReplay.socket}`] } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(Object.fromEntries(step.values)).toEqual({
      zk_avg_latency: 0.5,
      zk_num_alive_connections: 3,
      zk_znode_count: 12,
      'sock.zk_avg_latency': 0.5,
      'sock.zk_num_alive_connections': 3,
      'sock.zk_znode_count': 12,
    });
    expect(step.samples.every((s) => s.type === 'gauge')).toBe(true);
    const narrow = new CollectorHarness(collector, { live: true, options: { hosts: [`${replay.host}:${replay.port}`], publish: ['zk_znode_count'] } });
    expect([...(await narrow.step({ time: 1 })).values.keys()]).toEqual(['zk_znode_count']);
    await narrow.close();
  });

  it('a server that is down fails the run naming it, after the others published', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { hosts: [`${replay.host}:${replay.port}`, 'down@127.0.0.1:9'], request_timeout: 0.5 } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe('down: connect ECONNREFUSED 127.0.0.1:9');
    expect(step.values.get('zk_znode_count')).toBe(12);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { hosts: [`a@${replay.host}:${replay.port}`] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

if (!haveZookeeper)
  console.log('zookeeper collector: zookeeper is missing (apt-get install zookeeper; .ci/run does), so the test against a real ZooKeeper is skipped');

describe.skipIf(!haveZookeeper)('zookeeper collector against a real ZooKeeper', () => {
  let zookeeper: ZookeeperServer;
  beforeAll(async () => {
    zookeeper = await startZookeeper();
  }, 60_000);
  afterAll(async () => zookeeper?.stop());

  it("publishes mntr's figures, every one in the catalogue", async () => {
    const h = new CollectorHarness(collector, { live: true, options: { hosts: [zookeeper.connect] } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(step.values.get('zk_num_alive_connections')).toBeGreaterThanOrEqual(1);
    expect(step.values.get('zk_znode_count')).toBeGreaterThanOrEqual(1);
    expect(step.values.has('zk_version')).toBe(false);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });
});

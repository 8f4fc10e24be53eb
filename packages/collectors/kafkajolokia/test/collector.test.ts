// A Kafka broker's MBeans from a replay of its Jolokia agent, Debian's zookeeper on a free port for
// mntr, and Kafka's ConsumerGroupCommand as a stand-in kafka-run-class.sh that records its arguments.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import { compileRewrites } from '@spinel/collector-jolokia';
import collector, { kafkaName, parseGroupLag } from '@spinel/collector-kafkajolokia';
import { haveZookeeper, startZookeeper, type ZookeeperServer } from '../../../../tooling/services/zookeeper.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveZookeeper)
  console.log('kafkajolokia collector: zookeeper is missing (apt-get install zookeeper; .ci/run does), so the tests against a real ZooKeeper are skipped');

const name = (text: string) => kafkaName(text, compileRewrites({}));
const READ = (domain: string) => `GET /jolokia/?maxCollectionSize=0&ignoreErrors=true&canonicalNaming=true&p=read%2F${domain}%3A%2A`;
/** A broker's read of kafka.server and kafka.controller, with the names Jolokia gives canonically. */
const BROKER = {
  [READ('kafka.server')]: JSON.stringify({
    status: 200,
    value: {
      'kafka.server:name=BytesInPerSec,type=BrokerTopicMetrics': { Count: 1200, OneMinuteRate: 2.5, RateUnit: 'SECONDS' },
      'kafka.server:name=BytesInPerSec,topic=orders,type=BrokerTopicMetrics': { Count: 700 },
      'kafka.server:name=UnderReplicatedPartitions,type=ReplicaManager': { Value: 0 },
    },
  }),
  [READ('kafka.controller')]: JSON.stringify({ status: 200, value: { 'kafka.controller:name=ActiveControllerCount,type=KafkaController': { Value: 1 } } }),
};
const TABLE =
  'GROUP, TOPIC, PARTITION, CURRENT OFFSET, LOG END OFFSET, LAG, OWNER\nbilling, orders, 0, 95, 100, 5, consumer-1_/10.0.0.5\nbilling, orders, 1, 100, 100, 0, none\n';

describe("the Metricly fork's Kafka names", () => {
  it('puts each key where the fork did: type, topic (or _all), partition, name, then the statistic', () => {
    expect(name('kafka.server:name=BytesInPerSec,type=BrokerTopicMetrics.Count')).toBe('server.BrokerTopicMetrics._all.BytesInPerSec.Count');
    expect(name('kafka.server:name=BytesInPerSec,topic=web.logs,type=BrokerTopicMetrics.Count')).toBe('server.BrokerTopicMetrics.web-logs.BytesInPerSec.Count');
    expect(name('kafka.controller:name=ActiveControllerCount,type=KafkaController.Value')).toBe('controller.ActiveControllerCount');
    expect(name('kafka.log:name=Size,partition=0,topic=orders,type=Log.Value')).toBe('log.Topics.orders.partition-0.Size');
    expect(name('kafka.network:name=RequestsPerSec,request=Produce,type=RequestMetrics.Count')).toBe('network.RequestMetrics.Produce.RequestsPerSec.Count');
    expect(name('kafka.server:brokerHost=b1,brokerPort=9092,clientId=c,name=BytesPerSec,type=FetcherStats.Count')).toBe(
      'server.FetcherStats.b1-9092.c.BytesPerSec.Count',
    );
    expect(name('java.lang:name=G1 Young Generation,type=GarbageCollector.CollectionCount')).toBe(
      'java.lang.GarbageCollector.G1_Young_GenerationCollectionCount',
    );
  });

  it("reads ConsumerGroupCommand's table (0.9: `, `) and ConsumerOffsetChecker's (0.8: spaces); a message instead of a row ends the table", () => {
    expect(parseGroupLag(TABLE, ', ').rows.map((r) => [r.partition, r.lag, r.hasOwner])).toEqual([
      ['0', 5, true],
      ['1', 0, false],
    ]);
    expect(parseGroupLag('Group Topic Pid Offset logSize Lag Owner\ng   t   3   10   15   5   none\n', ' ').rows).toEqual([
      { group: 'g', topic: 't', partition: '3', consumerOffset: 10, brokerOffset: 15, lag: 5, hasOwner: false },
    ]);
    expect(parseGroupLag(`${TABLE}Consumer group 'x' has no active members.\n`, ', ').problem).toBe("Consumer group 'x' has no active members.");
  });
});

describe.skipIf(!haveZookeeper)('kafkajolokia collector against a broker replay, a real ZooKeeper and stand-in Kafka tools', () => {
  let replay: ReplayServer;
  let zookeeper: ZookeeperServer;
  let bin = '';
  let calls = '';
  beforeAll(async () => {
    [replay, zookeeper] = await Promise.all([startReplayServer('http'), startZookeeper()]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-kafkajolokia-'));
    bin = path.join(dir, 'kafka-run-class.sh');
    calls = path.join(dir, 'calls');
    writeFileSync(calls, '');
    writeFileSync(path.join(dir, 'table'), TABLE);
    writeFileSync(
      path.join(dir, 'table8'),
      'Group           Topic   Pid Offset  logSize Lag     Owner\nbilling         orders  0   90      100     10      none\n',
    );
    writeFileSync(
      bin,
      `#!/bin/sh\necho "$*" >> ${calls}\ncase "$1 $2" in *--list) printf 'billing\\n\\n';; kafka.tools.*) cat ${dir}/table8;; *) cat ${dir}/table;; esac\n`,
    );
    chmodSync(bin, 0o755);
  }, 60_000);
  afterAll(async () => Promise.all([replay?.close(), zookeeper?.stop()]));
  const options = (extra: Record<string, unknown> = {}) => ({
    host: replay.host,
    port: replay.port,
    domains: ['kafka.server', 'kafka.controller'],
    zookeeper: zookeeper.connect,
    bin,
    ...extra,
  });

  it("publishes the broker's MBeans, ZooKeeper's mntr figures and each group's lag, under the fork's names", async () => {
    replay.answer(BROKER);
    const h = new CollectorHarness(collector, { live: true, options: options({ version: '0.10' }) });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const values = Object.fromEntries(step.values);
    expect(values).toMatchObject({
      'server.BrokerTopicMetrics._all.BytesInPerSec.Count': 1200,
      'server.BrokerTopicMetrics.orders.BytesInPerSec.Count': 700,
      'server.ReplicaManager.UnderReplicatedPartitions': 0,
      'controller.ActiveControllerCount': 1,
      'zookeeper.consumer_groups.billing.orders.partition-0.consumer_lag': 5,
      'zookeeper.consumer_groups.billing.orders.partition-0.has_owner': 1,
      'zookeeper.consumer_groups.billing.orders.partition-1.has_owner': 0,
      'zookeeper.consumer_groups.billing.orders.partition-1.broker_offset': 100,
      'zookeeper.zk_outstanding_requests': 0,
    });
    expect(values['zookeeper.zk_num_alive_connections']).toBeGreaterThanOrEqual(1);
    expect(Object.keys(values).filter((k) => k.startsWith('zookeeper.zk_')).length).toBeLessThanOrEqual(16);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      `kafka.admin.ConsumerGroupCommand --list --zookeeper ${zookeeper.connect}`,
      `kafka.admin.ConsumerGroupCommand --describe --group billing --zookeeper ${zookeeper.connect}`,
    ]);
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
  });

  it('with 0.8, reads the configured groups with ConsumerOffsetChecker under /kafka; a ZooKeeper that is down is named, the broker still read', async () => {
    replay.answer(BROKER);
    writeFileSync(calls, '');
    const h = new CollectorHarness(collector, {
      live: true,
      options: options({ version: '0.8', consumer_groups: ['billing'], zookeeper: '127.0.0.1:9', zookeeper_timeout: 0.5 }),
    });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(readFileSync(calls, 'utf8').trim()).toBe('kafka.tools.ConsumerOffsetChecker --group billing --zookeeper 127.0.0.1:9/kafka');
    expect(step.result.error?.message).toMatch(/^zookeeper: connect ECONNREFUSED 127\.0\.0\.1:9$/);
    expect(step.values.get('controller.ActiveControllerCount')).toBe(1);
    expect(step.values.get('zookeeper.consumer_groups.billing.orders.partition-0.consumer_lag')).toBe(10);
  });

  it('a ZooKeeper that is not serving yet (mntr answers a sentence) fails the run, naming what it said; the broker is still read', async () => {
    replay.answer(BROKER);
    const starting = await startReplayServer('line');
    starting.answer({ mntr: 'This ZooKeeper instance is not currently serving requests\n' });
    const h = new CollectorHarness(collector, { live: true, options: options({ zookeeper: `${starting.host}:${starting.port}` }) });
    const step = await h.step({ time: 1 });
    await h.close();
    await starting.close();
    expect(step.result.error?.message).toBe('zookeeper: mntr: This ZooKeeper instance is not currently serving requests');
    expect(step.values.get('controller.ActiveControllerCount')).toBe(1);
    expect([...step.values.keys()].filter((name) => name.startsWith('zookeeper.'))).toEqual([]);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    replay.answer(BROKER);
    const report = await measureRetained(
      { collector, live: true, options: options(), perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

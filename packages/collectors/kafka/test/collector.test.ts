// No Kafka is in Debian: Diamond's recorded MX4J answers (conformance/diamond/kafka, from its
// kafkastat test) replay over HTTP; the conformance suite holds Diamond's whole-run assertions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained, startReplayServer, type ReplayServer } from '@spinel/testing';
import collector, { attributeValue, mbeanPrefix, xmlElements } from '@spinel/collector-kafka';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const recorded = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../../conformance/diamond/kafka/${name}`, import.meta.url)), 'utf8');
const SBD = (q: string) => `GET /serverbydomain?querynames=${q}&template=identity`;
const MB = (o: string) => `GET /mbean?objectname=${o}&operations=False&constructors=False&notifications=False&template=identity`;
const RUN = {
  [SBD('%2Akafka%2A%3A%2A')]: recorded('serverbydomain_logs_only.xml'),
  [MB('kafka%3Atype%3Dkafka.logs.mytopic-1')]: recorded('mbean.xml'),
  [SBD('java.lang%3Atype%3DGarbageCollector%2Cname%3D%2A')]: recorded('serverbydomain_gc.xml'),
  [SBD('java.lang%3Atype%3DThreading')]: recorded('serverbydomain_threading.xml'),
  [MB('java.lang%3Atype%3DGarbageCollector%2Cname%3DPS+MarkSweep')]: recorded('gc_marksweep.xml'),
  [MB('java.lang%3Atype%3DGarbageCollector%2Cname%3DPS+Scavenge')]: recorded('gc_scavenge.xml'),
  [MB('java.lang%3Atype%3DThreading')]: recorded('threading.xml'),
};

describe("Diamond's kafkastat unit tests, on what they test", () => {
  it('test_get: an empty answer is one <Server/>; test_get_bad_xml: a broken one is refused, naming the request', () => {
    expect(xmlElements(recorded('empty.xml'), 'GET /x')).toEqual([{ name: 'Server', attributes: {} }]);
    expect(() => xmlElements(recorded('bad.xml'), 'GET /x')).toThrow('GET /x answered XML that is not well formed (<Server> never closed');
    expect(() => xmlElements('<a><b></a></b>', 'GET /y')).toThrow('a </a> that closes nothing open');
  });

  it("test_get_mbeans: every MBean's objectname of a serverbydomain answer", () => {
    const names = xmlElements(recorded('serverbydomain.xml'), 'GET /serverbydomain').flatMap((e) =>
      e.name === 'MBean' && e.attributes.objectname ? [e.attributes.objectname] : [],
    );
    expect(new Set(names)).toEqual(
      new Set([
        'kafka:type=kafka.BrokerAllTopicStat',
        'kafka:type=kafka.BrokerTopicStat.mytopic',
        'kafka:type=kafka.LogFlushStats',
        'kafka:type=kafka.SocketServerStats',
        'kafka:type=kafka.logs.mytopic-0',
        'kafka:type=kafka.logs.mytopic-1',
        'kafka:type=kafka.Log4jController',
      ]),
    );
  });

  it('test_query_mbean and test_activeController_value: names from the key values, numeric types only', () => {
    expect(mbeanPrefix('kafka:type=kafka.logs.mytopic-1')).toBe('kafka.logs.mytopic-1');
    expect(mbeanPrefix('kafka.controller:type=KafkaController,name=ActiveControllerCount')).toBe('KafkaController.ActiveControllerCount');
    expect(mbeanPrefix('"kafka.controller":type="ControllerStats",name="LeaderElectionRateAndTimeMs"')).toBe('ControllerStats.LeaderElectionRateAndTimeMs');
    const attributes = xmlElements(recorded('mbean.xml'), 'GET /mbean').filter((e) => e.name === 'Attribute');
    expect(
      Object.fromEntries(
        attributes.flatMap((a) => {
          const v = attributeValue(a.attributes.type, a.attributes.value);
          return v === undefined ? [] : [[a.attributes.name, v]];
        }),
      ),
    ).toEqual({ CurrentOffset: 213500615, NumAppendedMessages: 224634137, NumberOfSegments: 94, Size: 50143615339 });
    expect([attributeValue('long', '12.5'), attributeValue('double', 'NaN'), attributeValue('java.lang.Object', '1.0')]).toEqual([undefined, undefined, 1]);
  });
});

describe('kafka collector against a replay of MX4J', () => {
  let replay: ReplayServer;
  beforeAll(async () => {
    replay = await startReplayServer('http');
  });
  afterAll(async () => replay?.close());
  const harness = (options: Record<string, unknown> = {}) => new CollectorHarness(collector, { options: { host: replay.host, port: replay.port, ...options } });

  it('a whole run publishes the 14 figures of the recording, each declared, and asks for nothing the recording lacks', async () => {
    replay.answer(RUN);
    const h = harness();
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(step.samples).toHaveLength(14);
    expect(replay.unanswered).toEqual([]);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('a broker with more MBeans than max_mbeans fails the run, naming the limit, before reading them', async () => {
    replay.answer({ ...RUN, [SBD('%2Akafka%2A%3A%2A')]: recorded('serverbydomain.xml') });
    const h = harness({ max_mbeans: 5 });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toBe('10 MBeans match, past max_mbeans (5); narrow query_paths');
    expect(replay.unanswered).toEqual([]);
  });

  // Each round reads seven XML answers through many small functions. On Node 20, whose V8 keeps
  // bytecode and compilation data in the old space (usedHeapBytes leaves out only the code spaces
  // there), the heap after GC creeps about 1 KB a round for the first few hundred rounds with no
  // object count growing; on Node 22+ (and the Node 26 the packages ship) it is flat from the start.
  it('retains under 1 KB per round over 200 rounds', async () => {
    replay.answer(RUN);
    const report = await measureRetained(
      { collector, live: true, options: { host: replay.host, port: replay.port }, perRound: () => undefined },
      { rounds: 200, warmup: 300, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

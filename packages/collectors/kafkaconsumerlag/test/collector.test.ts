// No Kafka is in Debian: Diamond's recorded ConsumerOffsetChecker output (test/fixtures/
// consumer_lag_check, from its kafka_consumer_lag test) printed by a stand-in kafka-run-class.sh
// that also records the arguments it was given.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { clusterName, parseOffsetChecker } from '@spinel/collector-kafkaconsumerlag';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

const FIXTURE = fileURLToPath(new URL('./fixtures/consumer_lag_check', import.meta.url));
const EXPECTED = { 0: 0, 1: 2, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 52, 8: 0, 9: 0, 10: 0 };

/** A stand-in kafka-run-class.sh: appends its arguments to a log, then runs `body`. */
function standIn(body: string): { bin: string; calls: () => string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinel-kafkalag-'));
  const bin = path.join(dir, 'kafka-run-class.sh');
  const log = path.join(dir, 'calls');
  writeFileSync(log, '');
  writeFileSync(bin, `#!/bin/sh\necho "$*" >> ${log}\n${body}\n`);
  chmodSync(bin, 0o755);
  return { bin, calls: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) };
}

const harness = (options: Record<string, unknown>) => new CollectorHarness(collector, { live: true, options, settings: { interval: 60 } });

describe('kafkaconsumerlag collector', () => {
  it("test_should_publish_gpu_stat (the first): each partition's lag under group.topic.partition, and the fork's total", async () => {
    const kafka = standIn(`cat ${FIXTURE}`);
    const h = harness({ bin: kafka.bin, consumer_groups: ['test_group'] });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    expect(Object.fromEntries(step.values)).toEqual({
      ...Object.fromEntries(Object.entries(EXPECTED).map(([p, lag]) => [`stage_nginx_access.nginx_access.${p}`, lag])),
      'stage_nginx_access.nginx_access.total': 54,
    });
    expect(kafka.calls()).toEqual(['kafka.tools.ConsumerOffsetChecker --group test_group --zookeeper localhost:2181']);
    expect(step.samples[0]?.path).toBe('servers.testhost.kafka.ConsumerLag.stage_nginx_access.nginx_access.0');
    expect(catalogueProblems(collector, step.samples)).toEqual([]);
  });

  it('test_should_publish_gpu_stat (the second): a chroot names the cluster; --topic passes one topic; one command a group', async () => {
    const kafka = standIn(`cat ${FIXTURE}`);
    const h = harness({ bin: kafka.bin, consumer_groups: 'a,b', topic: 'nginx_access', zookeeper: ['192.168.1.101:2181', '192.168.1.102:2181/dev/test-01'] });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.values.get('dev_test_01.stage_nginx_access.nginx_access.7')).toBe(52);
    expect(kafka.calls()).toEqual([
      'kafka.tools.ConsumerOffsetChecker --group a --zookeeper 192.168.1.101:2181,192.168.1.102:2181/dev/test-01 --topic nginx_access',
      'kafka.tools.ConsumerOffsetChecker --group b --zookeeper 192.168.1.101:2181,192.168.1.102:2181/dev/test-01 --topic nginx_access',
    ]);
    expect(clusterName('zoo1:2181,zoo2:2181')).toBe('');
  });

  it('a group whose command fails, hangs or prints an unknown lag is named in the error; the others are published', async () => {
    const kafka = standIn(
      `case "$3" in bad) echo 'Exiting due to: org.I0Itec.zkclient.exception.ZkTimeoutException' >&2; exit 1;; slow) sleep 30;; odd) printf 'Group Topic Pid Offset logSize Lag Owner\\nodd t 0 unknown 5 unknown none\\n';; *) cat ${FIXTURE};; esac`,
    );
    const h = harness({ bin: kafka.bin, consumer_groups: ['bad', 'slow', 'odd', 'good'], command_timeout: 0.5 });
    const started = performance.now();
    const step = await h.step({ time: 1 });
    await h.close();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(step.result.error?.message).toBe(
      [
        `group bad: ${kafka.bin} kafka.tools.ConsumerOffsetChecker --group bad --zookeeper localhost:2181 failed: exited with code 1: Exiting due to: org.I0Itec.zkclient.exception.ZkTimeoutException`,
        `group slow: ${kafka.bin} kafka.tools.ConsumerOffsetChecker --group slow --zookeeper localhost:2181 failed: no answer within command_timeout (0.5 s)`,
        'group odd: 1 line(s) without a numeric lag, such as "odd t 0 unknown 5 unknown none"',
      ].join('; '),
    );
    expect(step.values.get('stage_nginx_access.nginx_access.7')).toBe(52);
  });

  it('reads the table as Diamond did: header skipped, blank lines skipped, runs of spaces', () => {
    expect(parseOffsetChecker('Group Topic Pid Offset logSize Lag Owner\n\ng  t   3  10 15  5  none\n')).toEqual({
      rows: [{ group: 'g', topic: 't', partition: '3', lag: 5 }],
      unread: [],
    });
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const kafka = standIn(`cat ${FIXTURE}`);
    const report = await measureRetained(
      { collector, live: true, options: { bin: kafka.bin, consumer_groups: ['g'] }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

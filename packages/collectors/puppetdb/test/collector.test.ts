// Against Debian's puppetdb (a JVM, about 20 s to start) with a database of its own on the
// machine's PostgreSQL, fed two nodes' facts, catalogs and reports through its command API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, measureRetained } from '@spinel/testing';
import collector, { toSeconds } from '@spinel/collector-puppetdb';
import { havePuppetdb, populatePuppetdb, startPuppetdb, type PuppetdbServer } from '../../../../tooling/services/puppetdb.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!havePuppetdb)
  console.log(
    'puppetdb collector: puppetdb (and java, psql) is missing (apt-get install puppetdb; .ci/run does), so the tests against a real PuppetDB are skipped',
  );

describe('durations', () => {
  it("convert to seconds from every unit Diamond's time convertor knew", () => {
    expect([toSeconds(1500, 'milliseconds'), toSeconds(1500, 'ms'), toSeconds(2, 'MINUTES'), toSeconds(7, undefined), toSeconds(1, 'fortnights')]).toEqual([
      1.5,
      1.5,
      120,
      0.007,
      undefined,
    ]);
  });
});

describe.skipIf(!havePuppetdb)('puppetdb collector against a real PuppetDB', () => {
  let puppetdb: PuppetdbServer;
  beforeAll(async () => {
    puppetdb = await startPuppetdb();
    await populatePuppetdb(puppetdb.url, 'web1.example.com', ['success', 'success', 'failure', 'noop', 'skipped']);
    await populatePuppetdb(puppetdb.url, 'db1.example.com', ['success']);
    // A resources query makes its HTTP timer; the commands above made the command endpoint's.
    await fetch(`${puppetdb.url}/pdb/query/v4/resources`);
  }, 120_000);
  afterAll(async () => puppetdb?.stop());
  const harness = () =>
    new CollectorHarness(collector, {
      live: true,
      clock: () => Date.now() / 1000,
      options: { host: puppetdb.host, port: puppetdb.port },
      settings: { interval: 1 },
    });

  it("publishes the fork's figures: nodes, the queue's commands, timings in seconds, memory, and the latest reports' events by status", async () => {
    const h = harness();
    // Commands are processed asynchronously: wait until PuppetDB has stored all six.
    let step = await h.step({ time: 1 });
    for (let i = 0; i < 40 && step.values.get('processed') !== 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      step = await h.step({ time: 2 + i });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    step = await h.step({ time: 100 });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const values = Object.fromEntries(step.values);
    expect(values).toMatchObject({
      num_nodes: 2,
      processed: 6,
      'nodes.status.successes': 3,
      'nodes.status.failures': 1,
      'nodes.status.noops': 1,
      'nodes.status.skips': 1,
      'queue.Depth': 0,
    });
    expect(values['queue.Processed']).toBe(0);
    expect(values.enqueueing_service_time).toBeGreaterThan(0);
    expect(values.enqueueing_service_time).toBeLessThan(10);
    expect(values.resources_service_time).toBeGreaterThan(0);
    expect(values['memory.HeapMemoryUsage.used']).toBeGreaterThan(1_000_000);
    expect(step.samples.find((s) => s.name === 'processed')?.type).toBe('counter');
    expect(step.samples.find((s) => s.name === 'queue.Processed')?.type).toBe('rate');
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  }, 60_000);

  it('a PuppetDB that does not answer fails the run, naming the request', async () => {
    const h = new CollectorHarness(collector, { live: true, options: { host: '127.0.0.1', port: 9, request_timeout: 0.5 } });
    const step = await h.step({ time: 1 });
    await h.close();
    expect(step.result.error?.message).toContain('POST http://127.0.0.1:9/metrics/v1/mbeans failed');
    expect(step.samples).toEqual([]);
  });

  it('retains under 1 KB per round over 200 rounds', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { host: puppetdb.host, port: puppetdb.port }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

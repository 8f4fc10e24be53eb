// Scrapes real endpoints: prometheus-node-exporter and a Prometheus of the test's own (its own
// /metrics, which it serves as OpenMetrics when asked), and Spinel's prometheus handler for a
// round trip (what the handler serves comes back as the values it was given).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueProblems, CollectorHarness, createHandlerHarness, makeSample, measureRetained } from '@spinel/testing';
import collector, { parseExposition } from '@spinel/collector-prometheus';
import prometheusHandler from '@spinel/handler-prometheus';
import { freePort, startSilentServer } from '../../../../tooling/services/process.mjs';
import { haveNodeExporter, startNodeExporter, type NodeExporter } from '../../../../tooling/services/node-exporter.mjs';
import { havePrometheus, startPrometheus } from '../../../../tooling/services/prometheus.mjs';
import { fileURLToPath } from 'node:url';
import { collectorTestcaseSuite } from '@spinel/testing/vitest';

collectorTestcaseSuite(collector, fileURLToPath(new URL('./testcases', import.meta.url)));

if (!haveNodeExporter) console.log('prometheus input: prometheus-node-exporter is missing (.ci/run installs it), so the node_exporter scrapes are skipped');
if (!havePrometheus) console.log('prometheus input: prometheus is missing (.ci/run installs it), so the scrape of a real Prometheus is skipped');

const now = (): number => Date.now() / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const harness = (options: Record<string, unknown>, interval = 1) =>
  new CollectorHarness(collector, { live: true, clock: now, options, settings: { interval } });

describe('exposition parsing', () => {
  it('reads names, escaped label values, types and families; skips comments and exemplars', () => {
    const samples = parseExposition(
      [
        '# HELP http_requests_total Requests.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="get",path="/a \\"b\\"\\\\c"} 1027 1395066363000',
        '# TYPE latency histogram',
        'latency_bucket{le="0.5"} 3',
        'latency_bucket{le="+Inf"} 4',
        'latency_sum 1.5',
        'latency_count 4',
        '# TYPE temperature gauge',
        'temperature -3.5e1',
        'untyped_thing NaN',
        '# EOF',
      ].join('\n'),
    );
    expect(samples.map((s) => [s.name, s.family, s.type, s.value])).toEqual([
      ['http_requests_total', 'http_requests_total', 'counter', 1027],
      ['latency_bucket', 'latency', 'histogram', 3],
      ['latency_bucket', 'latency', 'histogram', 4],
      ['latency_sum', 'latency', 'histogram', 1.5],
      ['latency_count', 'latency', 'histogram', 4],
      ['temperature', 'temperature', 'gauge', -35],
      ['untyped_thing', 'untyped_thing', 'untyped', Number.NaN],
    ]);
    expect(samples[0]?.labels).toEqual({ method: 'get', path: '/a "b"\\c' });
  });

  it('names the line of a malformed sample', () => {
    expect(() => parseExposition('ok 1\nbroken{a=1} 2\n')).toThrow('line 2: expected ="..." after label a');
    expect(() => parseExposition('x notanumber')).toThrow('line 1: x: "notanumber" is not a number');
  });
});

describe("round trip through Spinel's prometheus handler", () => {
  it('scrapes back the values the handler serves, by template and by dimensions', async () => {
    const port = await freePort();
    const handler = await createHandlerHarness(prometheusHandler, { port });
    try {
      await handler.process([
        makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 12.5, dimensions: { cpu: 'cpu0' } }),
        makeSample({ collectorPath: 'cpu', name: 'cpu1.user', value: 7.25, dimensions: { cpu: 'cpu1' } }),
        makeSample({ collectorPath: 'loadavg', name: '01', value: 0.42 }),
      ]);
      const h = harness({ url: `http://127.0.0.1:${port}/metrics`, include: ['cpu_', 'loadavg_'], templates: { cpu: 'cpu.field*' } });
      const step = await h.step({ time: now() });
      await h.close();
      expect(step.result.error).toBeUndefined();
      expect(Object.fromEntries(step.values)).toEqual({ 'cpu.cpu0.user': 12.5, 'cpu.cpu1.user': 7.25, 'loadavg_01.testhost': 0.42 });
      expect(step.samples.find((s) => s.name === 'cpu.cpu0.user')?.dimensions).toEqual({ cpu: 'cpu0', host: 'testhost' });
      expect(catalogueProblems(collector, step.samples, false)).toEqual([]);
    } finally {
      await handler.close();
    }
  });
});

describe.skipIf(!haveNodeExporter)('scraping prometheus-node-exporter', () => {
  let exporter: NodeExporter;
  beforeAll(async () => {
    exporter = await startNodeExporter();
  });
  afterAll(async () => exporter?.stop());

  it('gauges as they are, counters as rates, labels as dimensions', async () => {
    const h = harness({ url: exporter.url, include: ['node_load1$', 'node_cpu_seconds_total', 'node_memory_MemTotal_bytes'] });
    await h.step({ time: now() });
    await sleep(1000);
    const step = await h.step({ time: now() });
    await h.close();
    expect(step.result.error).toBeUndefined();
    const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    expect(Math.abs(step.values.get('node_load1')! - load1)).toBeLessThan(1);
    const memTotalKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    expect(step.values.get('node_memory_MemTotal_bytes')).toBe(memTotalKb * 1024);
    const idle = step.samples.find((s) => s.name === 'node_cpu_seconds_total.0.idle');
    expect(idle?.type).toBe('rate');
    expect(idle?.dimensions).toEqual({ cpu: '0', mode: 'idle' });
    // CPU seconds per second of one CPU in one mode: between 0 and 1 (a little slack for timing).
    expect(idle!.value).toBeGreaterThanOrEqual(0);
    expect(idle!.value).toBeLessThan(1.3);
    expect(catalogueProblems(collector, step.samples, true)).toEqual([]);
  });

  it('max_series bounds what one scrape publishes and warns once', async () => {
    const h = harness({ url: exporter.url, max_series: 5 });
    const first = await h.step({ time: now() });
    const second = await h.step({ time: now() });
    await h.close();
    expect(first.samples.length).toBeLessThanOrEqual(5);
    expect(first.logs.filter((l) => l.level === 'warn').map((l) => l.message)[0]).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/metrics has \d+ series to publish; publishing the first 5 \(max_series\)/,
    );
    expect(second.logs.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('an endpoint that is down, not an exposition, or silent fails the run saying which', async () => {
    const port = await freePort();
    const down = harness({ url: `http://127.0.0.1:${port}/metrics` });
    expect((await down.step({ time: now() })).result.error?.message).toBe(
      `GET http://127.0.0.1:${port}/metrics failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    await down.close();
    const html = harness({ url: exporter.url.replace('/metrics', '/') });
    const notMetrics = await html.step({ time: now() });
    await html.close();
    expect(notMetrics.result.error?.message).toMatch(/answered something that is not the Prometheus exposition format: line \d+/);
    const silent = await startSilentServer();
    const hanging = harness({ url: `http://127.0.0.1:${silent.port}/metrics`, request_timeout: 0.5 });
    const started = performance.now();
    const timedOut = await hanging.step({ time: now() });
    await hanging.close();
    await silent.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(timedOut.result.error?.message).toContain('failed: UND_ERR_HEADERS_TIMEOUT');
  });

  it('retains under 1 KB per round over 200 scrapes', async () => {
    const report = await measureRetained(
      { collector, live: true, options: { url: exporter.url }, perRound: () => undefined },
      { rounds: 200, warmup: 20, objectCounts: false },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe.skipIf(!havePrometheus)("scraping a real Prometheus's own /metrics (OpenMetrics)", () => {
  it('reads its counters and gauges', async () => {
    const prometheus = await startPrometheus();
    try {
      const h = harness({ url: `${prometheus.url}/metrics`, include: ['prometheus_', 'go_goroutines'] });
      await h.step({ time: now() });
      await sleep(500);
      const step = await h.step({ time: now() });
      await h.close();
      expect(step.result.error).toBeUndefined();
      expect(step.values.get('go_goroutines')).toBeGreaterThan(0);
      const requests = step.samples.filter((s) => s.name.startsWith('prometheus_http_requests_total.'));
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((s) => s.type === 'rate')).toBe(true);
      expect(step.samples.some((s) => s.name.startsWith('prometheus_tsdb_head_series'))).toBe(true);
    } finally {
      await prometheus.stop();
    }
  }, 60_000);
});

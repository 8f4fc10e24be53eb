import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '@spinel/sdk';
import { createHandlerHarness, makeSample, measureRetained, runThroughOutage } from '@spinel/testing';
import otlp, { encodeJson, encodeProtobuf, toResourceGroups } from '@spinel/handler-otlp';
import { startRecorder, type Recorder } from '../../../../tooling/services/http-recorder.mjs';

// The encoding is checked by decoding it with the official definitions: the protobufjs module
// the OpenTelemetry JS project generates from opentelemetry-proto (in @opentelemetry/otlp-transformer).
const require = createRequire(import.meta.url);
const transformerMain = require.resolve('@opentelemetry/otlp-transformer');
const generatedRoot = path.join(transformerMain.slice(0, transformerMain.lastIndexOf(`${path.sep}build${path.sep}`)), 'build', 'src', 'generated', 'root.js');
interface Decoder {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: object): Record<string, unknown>;
}
const official = (require(generatedRoot) as { opentelemetry: { proto: { collector: { metrics: { v1: { ExportMetricsServiceRequest: Decoder } } } } } })
  .opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
const decode = (bytes: Uint8Array): Record<string, unknown> => official.toObject(official.decode(bytes), { longs: String, enums: Number, defaults: false });

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const catalogue: Catalogue = [
  { name: '{cpu}.user', type: 'rate', unit: 'percent', description: 'Time in user mode.' },
  { name: '{interface}.rx_packets', type: 'counter', unit: '{packets}', description: 'Packets received.' },
];
const describeSample = (s: { collector: string; name: string }) =>
  s.collectorPath === 'cpu' ? catalogue[0] : s.collectorPath === 'network' ? catalogue[1] : undefined;
const scope = { name: 'spinel', version: '0.1.0' };
const samples = [
  makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 12.5, timestamp: 1_700_000_000.5, dimensions: { cpu: 'cpu0' } }),
  makeSample({ collectorPath: 'network', name: 'eth0.rx_packets', value: 42, type: 'counter', timestamp: 1_700_000_000.5, dimensions: { interface: 'eth0' } }),
];
const groups = () =>
  toResourceGroups(samples, { mapping: {}, resource: { 'deployment.environment': 'test' }, describe: describeSample, startTimeMs: 1_699_999_000_000, scope });

const expected = {
  resourceMetrics: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'spinel' } },
          { key: 'os.type', value: { stringValue: 'linux' } },
          { key: 'host.name', value: { stringValue: 'testhost' } },
          { key: 'deployment.environment', value: { stringValue: 'test' } },
        ],
      },
      scopeMetrics: [
        {
          scope,
          metrics: [
            {
              name: 'cpu.user',
              description: 'Time in user mode.',
              unit: 'percent',
              gauge: { dataPoints: [{ attributes: [{ key: 'cpu', value: { stringValue: 'cpu0' } }], timeUnixNano: '1700000000500000000', asDouble: 12.5 }] },
            },
            {
              name: 'network.rx_packets',
              description: 'Packets received.',
              unit: '{packets}',
              sum: {
                dataPoints: [
                  {
                    attributes: [{ key: 'interface', value: { stringValue: 'eth0' } }],
                    startTimeUnixNano: '1699999000000000000',
                    timeUnixNano: '1700000000500000000',
                    asDouble: 42,
                  },
                ],
                aggregationTemporality: 2,
                isMonotonic: true,
              },
            },
          ],
        },
      ],
    },
  ],
};

describe('OTLP encoding', () => {
  it('protobuf decodes with the official definitions into resource, scope, gauge and cumulative sum', () => {
    expect(decode(encodeProtobuf(groups(), scope))).toEqual(expected);
  });

  it('JSON is the same message in the OTLP/JSON mapping', () => {
    expect(JSON.parse(encodeJson(groups(), scope))).toEqual(expected);
  });

  it('large batches stay decodable (length prefixes over several bytes)', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      makeSample({ collectorPath: 'docker', name: `c${i}.cpu`, value: i, dimensions: { container: `container-${i}` } }),
    );
    const decoded = decode(
      encodeProtobuf(toResourceGroups(many, { mapping: {}, resource: {}, describe: () => undefined, startTimeMs: 0, scope }), scope),
    ) as typeof expected;
    const points = decoded.resourceMetrics[0]!.scopeMetrics[0]!.metrics.flatMap((m) => (m as { gauge?: { dataPoints: unknown[] } }).gauge?.dataPoints ?? []);
    expect(points).toHaveLength(5000);
  });
});

describe('otlp handler delivering to a local receiver', () => {
  let rx: Recorder;
  beforeAll(async () => {
    rx = await startRecorder({ status: 200 });
  });
  afterAll(() => rx.stop());

  it('POSTs protobuf with units and descriptions from the catalogues handed to handlers', async () => {
    const harness = await createHandlerHarness(otlp, { endpoint: `http://127.0.0.1:${rx.port}/v1/metrics`, headers: { 'api-key': 'k' } }, () => 1_699_999_000, {
      cpu: catalogue,
      network: catalogue,
    });
    await harness.process(samples);
    await harness.close();
    const request = rx.requests.at(-1)!;
    expect(request.headers).toMatchObject({ 'content-type': 'application/x-protobuf', 'api-key': 'k' });
    const decoded = decode(request.body) as typeof expected;
    expect(decoded.resourceMetrics[0]!.scopeMetrics[0]!.metrics.map((m) => [m.name, m.unit, 'sum' in m])).toEqual([
      ['cpu.user', 'percent', false],
      ['network.rx_packets', '{packets}', true],
    ]);
  });

  it('400 is permanent, 503 retried, 401 names the credentials', async () => {
    const harness = await createHandlerHarness(otlp, { endpoint: `http://127.0.0.1:${rx.port}/v1/metrics`, encoding: 'json' });
    for (const [status, code] of [
      [400, 'SPINEL_DELIVERY_PERMANENT'],
      [503, 'SPINEL_DELIVERY_RETRY'],
    ] as const) {
      rx.status = status;
      await expect(harness.process(samples)).rejects.toMatchObject({ code });
    }
    rx.status = 401;
    await expect(harness.process(samples)).rejects.toThrow('refused the credentials (HTTP 401; check the headers)');
    rx.status = 200;
    await harness.close();
  });

  it('retains under 1 KB per round over 200 rounds of new series', async () => {
    const report = await measureRetained(
      {
        handler: otlp,
        options: { endpoint: `http://127.0.0.1:${rx.port}/v1/metrics` },
        perRound: (r) =>
          Array.from({ length: 100 }, (_, i) =>
            makeSample({ collectorPath: 'docker', name: `c${r}_${i}.cpu`, value: i, dimensions: { container: `c${r}_${i}` } }),
          ),
      },
      { rounds: 200, warmup: 20, objectCounts: false, onRound: () => void (rx.requests.length = 0) },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);

  it('the receiver stopped and restarted under a running agent: every sample arrives once', async () => {
    const backend = await startRecorder({ status: 200 });
    const { published, stats } = await runThroughOutage({
      handler: { plugin: PACKAGE_DIR, options: { endpoint: backend.url('/v1/metrics'), timeout: 1 } },
      searchDir: PACKAGE_DIR,
      hostname: 'outage',
      stop: () => backend.stop(),
      start: () => backend.start(),
    });
    await backend.stop();
    expect(stats.dropped).toBe(0);
    const got: Array<[number, number]> = [];
    for (const request of backend.requests) {
      const decoded = decode(request.body) as {
        resourceMetrics: Array<{
          scopeMetrics: Array<{ metrics: Array<{ name: string; gauge?: { dataPoints: Array<{ timeUnixNano: string; asDouble: number }> } }> }>;
        }>;
      };
      for (const rm of decoded.resourceMetrics)
        for (const sm of rm.scopeMetrics)
          for (const m of sm.metrics)
            if (m.name === 'tick.runs') for (const p of m.gauge?.dataPoints ?? []) got.push([Number(BigInt(p.timeUnixNano) / 1_000_000n) / 1000, p.asDouble]);
    }
    expect(got).toEqual(published);
  }, 60_000);
});

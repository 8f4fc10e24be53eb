import { fileURLToPath } from 'node:url';
import snappy from 'snappyjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained, runThroughOutage } from '@spinel/testing';
import remoteWrite, { encodeWriteRequest, toWriteSeries } from '@spinel/handler-prometheus-remote-write';
import { havePrometheus, startPrometheus, type Prometheus } from './prometheus.js';
import { startRecorder, type Recorder } from '../../../../tooling/services/http-recorder.mjs';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('WriteRequest encoding', () => {
  it('matches the protobuf wire format byte for byte', () => {
    // 0a 1c: timeseries (field 1, len 28)
    //   0a 0f: label (len 15): 0a 08 "__name__" 12 03 "cpu"
    //   12 09: sample (len 9): 09 <double 1.5 LE>   (timestamp 0 is the default and is omitted)
    const bytes = encodeWriteRequest([{ labels: [['__name__', 'cpu']], samples: [{ value: 1.5, timestampMs: 0 }] }]);
    expect(bytes.toString('hex')).toBe('0a1c0a0f0a085f5f6e616d655f5f1203637075120909000000000000f83f');
    // timestamp 300 as a varint: ac 02 (300 = 0b10_0101100), after tag 10 (field 2, varint)
    const withTime = encodeWriteRequest([{ labels: [['a', 'b']], samples: [{ value: 0, timestampMs: 300 }] }]);
    expect(withTime.toString('hex')).toBe('0a160a060a016112016212' + '0c' + '090000000000000000' + '10ac02');
  });

  it('groups samples into series with sorted labels and samples in time order', () => {
    const series = toWriteSeries(
      [
        makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 2, timestamp: 20, dimensions: { cpu: 'cpu0' } }),
        makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 1, timestamp: 10, dimensions: { cpu: 'cpu0' } }),
        makeSample({ collectorPath: 'network', name: 'eth0.rx_packets', value: 5, type: 'counter', timestamp: 10, dimensions: { interface: 'eth0' } }),
      ],
      { hostLabel: 'host' },
      () => undefined,
    );
    expect(series).toEqual([
      {
        labels: [
          ['__name__', 'cpu_user'],
          ['cpu', 'cpu0'],
          ['host', 'testhost'],
        ],
        samples: [
          { value: 1, timestampMs: 10_000 },
          { value: 2, timestampMs: 20_000 },
        ],
      },
      {
        labels: [
          ['__name__', 'network_rx_packets_total'],
          ['host', 'testhost'],
          ['interface', 'eth0'],
        ],
        samples: [{ value: 5, timestampMs: 10_000 }],
      },
    ]);
  });
});

describe('remote write requests', () => {
  let server: Recorder;
  beforeAll(async () => {
    server = await startRecorder();
  });
  afterAll(() => server.stop());
  const url = () => server.url('/api/v1/write');

  it('sends snappy-compressed protobuf with the remote write headers and auth', async () => {
    const harness = await createHandlerHarness(remoteWrite, { url: url(), bearer_token: 'tok', headers: { 'X-Scope-OrgID': 'tenant-1' } });
    await harness.process([makeSample({ collectorPath: 'cpu', name: 'total.user', value: 3 })]);
    await harness.close();
    const request = server.requests.at(-1)!;
    expect(request.headers).toMatchObject({
      'content-type': 'application/x-protobuf',
      'content-encoding': 'snappy',
      'x-prometheus-remote-write-version': '0.1.0',
      authorization: 'Bearer tok',
      'x-scope-orgid': 'tenant-1',
    });
    const raw = Buffer.from(snappy.uncompress(request.body));
    expect(
      raw.equals(
        encodeWriteRequest(toWriteSeries([makeSample({ collectorPath: 'cpu', name: 'total.user', value: 3 })], { hostLabel: 'host' }, () => undefined)),
      ),
    ).toBe(true);
  });

  it('retries 5xx and 429, drops other 4xx with the body, and says when credentials were refused', async () => {
    const harness = await createHandlerHarness(remoteWrite, { url: url(), username: 'u', password: 'secret-pw' });
    for (const [status, code] of [
      [503, 'SPINEL_DELIVERY_RETRY'],
      [429, 'SPINEL_DELIVERY_RETRY'],
      [400, 'SPINEL_DELIVERY_PERMANENT'],
    ] as const) {
      server.status = status;
      await expect(harness.process([makeSample({ name: 'a', value: 1 })])).rejects.toMatchObject({ code });
    }
    server.status = 401;
    const error = (await harness.process([makeSample({ name: 'a', value: 1 })]).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('refused the credentials (HTTP 401; check username and password)');
    expect(error.message).not.toContain('secret-pw');
    server.status = 204;
    await harness.close();
  });

  it('retains under 1 KB per round over 200 rounds of new series', async () => {
    const report = await measureRetained(
      {
        handler: remoteWrite,
        options: { url: url() },
        perRound: (r) =>
          Array.from({ length: 100 }, (_, i) =>
            makeSample({ collectorPath: 'docker', name: `c${r}_${i}.cpu`, value: i, dimensions: { container: `c${r}_${i}` } }),
          ),
      },
      { rounds: 200, warmup: 20, objectCounts: false, onRound: () => void (server.requests.length = 0) },
    );
    expect(report.slopeBytesPerRound).toBeLessThan(1024);
  }, 120_000);
});

describe.skipIf(!havePrometheus)('remote write into a real Prometheus', () => {
  let prom: Prometheus;
  beforeAll(async () => {
    prom = await startPrometheus();
  }, 30_000);
  afterAll(() => prom?.stop());

  it('PromQL reads back the values and timestamps written', async () => {
    const harness = await createHandlerHarness(remoteWrite, { url: `${prom.url}/api/v1/write` });
    const now = Math.floor(Date.now() / 1000) - 30;
    await harness.process([
      makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 11.5, timestamp: now, dimensions: { cpu: 'cpu0' } }),
      makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 12.5, timestamp: now + 10, dimensions: { cpu: 'cpu0' } }),
      makeSample({ collectorPath: 'network', name: 'lo.rx_packets', value: 99, type: 'counter', timestamp: now + 10, dimensions: { interface: 'lo' } }),
    ]);
    await harness.close();
    const cpu = await prom.rawSamples('cpu_user{cpu="cpu0",host="testhost"}', now - 1, now + 11);
    expect(cpu[0]?.values).toEqual([
      [now, '11.5'],
      [now + 10, '12.5'],
    ]);
    const rx = await prom.rawSamples('network_rx_packets_total{interface="lo"}', now - 1, now + 11);
    expect(rx[0]?.values).toEqual([[now + 10, '99']]);
  });

  it('Prometheus stopped and restarted under a running agent: every sample published arrives once', async () => {
    const log: string[] = [];
    const { published, stats } = await runThroughOutage({
      log: (line) => log.push(line),
      handler: { plugin: PACKAGE_DIR, options: { url: `${prom.url}/api/v1/write`, timeout: 1 } },
      searchDir: PACKAGE_DIR,
      hostname: 'outage',
      stop: () => prom.stop(),
      start: () => prom.start(),
    });
    expect(stats.retries).toBeGreaterThan(0);
    expect(stats.dropped, log.join('\n')).toBe(0);
    expect(published.length).toBeGreaterThanOrEqual(8);
    const from = published[0]![0];
    const to = published.at(-1)![0];
    const stored = (await prom.rawSamples('tick_runs{host="outage"}', from - 1, to + 1))[0]?.values?.map(([t, v]) => [t, Number(v)]);
    expect(stored).toEqual(published);
  }, 60_000);
});

import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerHarness, makeSample, measureRetained, runThroughOutage } from '@spinel/testing';
import influxdb, { encodeLines, escapeKey, escapeMeasurement } from '@spinel/handler-influxdb';
import { haveInfluxd, startInfluxd, type Influxd } from './influxd.js';
import { startRecorder, type Recorder } from '../../../../tooling/services/http-recorder.mjs';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = { name: 'admin', password: 'admin-pass' };

describe('line protocol', () => {
  it('escapes every special character where line protocol needs it', () => {
    expect(escapeMeasurement('disk io,x y')).toBe('disk\\ io\\,x\\ y');
    expect(escapeKey('a=b,c d\\e')).toBe('a\\=b\\,c\\ d\\e');
    expect(escapeKey('line\nbreak')).toBe('line\\ break');
  });

  it('puts samples of one series and timestamp on one line, labels from dimensions and host', () => {
    const { text, lines } = encodeLines(
      [
        makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 1.5, dimensions: { cpu: 'cpu0' } }),
        makeSample({ collectorPath: 'cpu', name: 'cpu0.system', value: 0.5, dimensions: { cpu: 'cpu0' } }),
        makeSample({ collectorPath: 'cpu', name: 'cpu1.user', value: 2, dimensions: { cpu: 'cpu1' } }),
        makeSample({ collectorPath: 'memory', name: 'MemFree', value: Number.NaN }),
      ],
      'ms',
      { hostLabel: 'host' },
    );
    expect(lines).toBe(2);
    expect(text).toBe('cpu,cpu=cpu0,host=testhost user=1.5,system=0.5 1700000000000\ncpu,cpu=cpu1,host=testhost user=2 1700000000000\n');
  });

  it('a template maps short names without dimensions', () => {
    const { text } = encodeLines([makeSample({ collectorPath: 'network', name: 'eth0.rx_byte', value: 10 })], 's', {
      templates: { network: 'interface.field*' },
      hostLabel: '',
    });
    expect(text).toBe('network,interface=eth0 rx_byte=10 1700000000\n');
  });
});

describe('influxdb handler: request shape', () => {
  let server: Recorder;
  beforeAll(async () => {
    server = await startRecorder();
  });
  afterAll(() => server.stop());

  it('v2: POST /api/v2/write with org, bucket, precision and a Token header; gzip when asked', async () => {
    // Debian's InfluxDB is 1.6, which has no v2 write API: the v2 request is checked here.
    const url = server.url('');
    const harness = await createHandlerHarness(influxdb, { url, api: 'v2', org: 'acme', bucket: 'metrics', token: 'tok-123', gzip: true, precision: 's' });
    await harness.process([makeSample({ collectorPath: 'cpu', name: 'total.user', value: 3 })]);
    await harness.close();
    const request = server.requests.at(-1)!;
    expect(request.url).toBe('/api/v2/write?org=acme&bucket=metrics&precision=s');
    expect(request.headers).toMatchObject({ authorization: 'Token tok-123', 'content-encoding': 'gzip' });
    expect(gunzipSync(request.body).toString()).toBe('cpu,host=testhost total_user=3 1700000000\n');
  });

  it('v2 without org, bucket or token is an option error naming them', async () => {
    await expect(createHandlerHarness(influxdb, { api: 'v2', org: 'acme' })).rejects.toThrow(
      'influxdb: bucket: expected a value with api: v2, found none\ninfluxdb: token: expected a value with api: v2, found none',
    );
  });

  it('a bad template is an option error naming the collector', async () => {
    await expect(createHandlerHarness(influxdb, { templates: { cpu: 'field*.cpu' } })).rejects.toThrow(
      'influxdb: templates.cpu: expected a label template (measurement, field, _, a label name; a star on the last), found "field*.cpu": `field*` must be the last segment',
    );
  });

  it('retains under 1 KB per round over 200 rounds of new series', async () => {
    const url = server.url('');
    server.requests.length = 0;
    const report = await measureRetained(
      {
        handler: influxdb,
        options: { url, create_database: false },
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

describe.skipIf(!haveInfluxd)('influxdb handler against a real InfluxDB 1.6', () => {
  let influx: Influxd;
  beforeAll(async () => {
    influx = await startInfluxd({ auth: true });
  }, 30_000);
  afterAll(() => influx?.stop());

  it('writes, and InfluxQL reads back the values, tags and timestamps, special characters included', async () => {
    const harness = await createHandlerHarness(influxdb, { url: influx.url, database: 'spinel_test', username: ADMIN.name, password: ADMIN.password });
    const at = 1_700_000_000.25;
    await harness.process([
      makeSample({ collectorPath: 'cpu', name: 'cpu0.user', value: 12.5, timestamp: at, dimensions: { cpu: 'cpu0' } }),
      makeSample({ collectorPath: 'cpu', name: 'cpu0.system', value: 3, timestamp: at, dimensions: { cpu: 'cpu0' } }),
      makeSample({
        collectorPath: 'diskspace',
        name: 'my disk,1=2.free',
        value: 42,
        timestamp: at + 10,
        dimensions: { mount: 'my disk,1=2', note: 'a "quoted" \\ value' },
      }),
    ]);
    await harness.close();
    const cpu = await influx.query('SELECT * FROM "cpu"', { db: 'spinel_test', user: ADMIN });
    expect(cpu.results[0]?.series?.[0]).toEqual({
      name: 'cpu',
      columns: ['time', 'cpu', 'host', 'system', 'user'],
      values: [[1_700_000_000_250, 'cpu0', 'testhost', 3, 12.5]],
    });
    const disk = await influx.query('SELECT * FROM "diskspace"', { db: 'spinel_test', user: ADMIN });
    expect(disk.results[0]?.series?.[0]).toEqual({
      name: 'diskspace',
      columns: ['time', 'free', 'host', 'mount', 'note'],
      values: [[1_700_000_010_250, 42, 'testhost', 'my disk,1=2', 'a "quoted" \\ value']],
    });
  });

  it('gzip bodies are accepted the same', async () => {
    const harness = await createHandlerHarness(influxdb, {
      url: influx.url,
      database: 'spinel_gzip',
      username: ADMIN.name,
      password: ADMIN.password,
      gzip: true,
      precision: 's',
    });
    await harness.process([makeSample({ collectorPath: 'load', name: 'avg1', value: 0.25, timestamp: 1_700_000_100 })]);
    await harness.close();
    const result = await influx.query('SELECT avg1 FROM "load"', { db: 'spinel_gzip', user: ADMIN });
    expect(result.results[0]?.series?.[0]?.values).toEqual([[1_700_000_100_000, 0.25]]);
  });

  it('refused credentials are permanent and say so, without the password', async () => {
    const harness = await createHandlerHarness(influxdb, {
      url: influx.url,
      database: 'spinel_test',
      username: 'admin',
      password: 'wrong-pass-9',
      create_database: false,
    });
    const error = (await harness.process([makeSample({ name: 'a', value: 1 })]).catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.code).toBe('SPINEL_DELIVERY_PERMANENT');
    expect(error.message).toContain(`InfluxDB at ${influx.url} refused the credentials (HTTP 401; check username and password)`);
    expect(error.message).not.toContain('wrong-pass-9');
    await harness.close();
  });

  it('InfluxDB stopped and restarted under a running agent: every sample published arrives once', async () => {
    const { published, stats } = await runThroughOutage({
      handler: { plugin: PACKAGE_DIR, options: { url: influx.url, database: 'spinel_outage', username: ADMIN.name, password: ADMIN.password, timeout: 1 } },
      searchDir: PACKAGE_DIR,
      hostname: 'outage',
      stop: () => influx.stop(),
      start: () => influx.start(),
    });
    expect(stats.retries).toBeGreaterThan(0);
    expect(stats.dropped).toBe(0);
    expect(published.length).toBeGreaterThanOrEqual(8);
    const result = await influx.query('SELECT "runs" FROM "tick" WHERE host = \'outage\'', { db: 'spinel_outage', user: ADMIN });
    const stored = (result.results[0]?.series?.[0]?.values ?? []).map(([t, v]) => [Number(t) / 1000, Number(v)]);
    // InfluxDB keeps one point per series and timestamp; two runs that a loaded machine fires within
    // one second overwrite each other there, so the last one published for a second is what it holds.
    const lastPerSecond = [...new Map(published.map(([t, v]) => [t, v] as const)).entries()];
    expect(stored).toEqual(lastPerSecond);
  }, 60_000);
});

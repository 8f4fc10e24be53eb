// Samples per second through each label-based handler's encoder on one core (this thread):
// InfluxDB line protocol, Prometheus exposition (update + render), remote write (series +
// protobuf + snappy) and OTLP protobuf, on batches shaped like a host's collection: 1,000
// samples per batch over 8 collectors with one or two dimensions each.
import { LineProtocolEncoder } from '@spinel/handler-influxdb';
import { Registry } from '@spinel/handler-prometheus';
import { encodeBody, seriesLabelCache, toWriteSeries } from '@spinel/handler-prometheus-remote-write';
import { encodeProtobuf, encodeJson, otlpSeriesCache, toResourceGroups } from '@spinel/handler-otlp';
import { fmt, table } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const BATCH = 1000;
const collectors = ['cpu', 'memory', 'network', 'diskspace', 'diskusage', 'vmstat', 'loadavg', 'docker'];

function batch(round) {
  const out = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) {
    const collector = collectors[i % collectors.length];
    const unit = `u${i % 16}`;
    out[i] = {
      path: `servers.bench.${collector}.${unit}.metric_${i % 50}`,
      name: `${unit}.metric_${i % 50}`,
      value: ((i * 7 + round) % 1000) / 3,
      timestamp: 1_700_000_000 + round * 10,
      type: i % 5 === 0 ? 'counter' : 'gauge',
      precision: 2,
      collector,
      host: 'bench',
      dimensions: i % 3 === 0 ? { device: unit, mount: `/mnt/${unit}` } : { device: unit },
    };
  }
  return out;
}

const batches = Array.from({ length: 20 }, (_, r) => batch(r));
const describe = () => undefined;
const scope = { name: 'spinel', version: 'bench' };
// Each encoder as its handler holds it: per-series results cached (bounded) across batches.
const registry = new Registry({ mapping: { hostLabel: 'host' }, expiration: 0, maxSeries: 100_000, describe });
const lineProtocol = new LineProtocolEncoder('ms', { hostLabel: 'host' });
const labelCache = seriesLabelCache({ hostLabel: 'host' }, describe);
const otlpOptions = { mapping: {}, resource: {}, describe, startTimeMs: 1_699_999_000_000, scope };
const otlpCache = otlpSeriesCache(otlpOptions);

const encoders = [
  ['InfluxDB line protocol', (b) => lineProtocol.encode(b).text.length, 1_000_000],
  [
    'Prometheus exposition (update + render)',
    (b, r) => {
      registry.update(b, r);
      return registry.render(r).length;
    },
    1_000_000,
  ],
  ['remote write (protobuf + snappy)', (b) => encodeBody(toWriteSeries(b, { hostLabel: 'host' }, describe, labelCache)).length, 500_000],
  ['OTLP protobuf', (b) => encodeProtobuf(toResourceGroups(b, otlpOptions, otlpCache), scope).length, 500_000],
  ['OTLP JSON', (b) => encodeJson(toResourceGroups(b, otlpOptions, otlpCache), scope).length, undefined],
  // The peer in the same run: V8's own serializer on the same samples, no mapping at all.
  ['reference: JSON.stringify(batch)', (b) => JSON.stringify(b).length, undefined],
];

const rows = [['encoder', 'samples/s', 'vs JSON.stringify', 'goal', 'met']];
const rates = [];
for (const [name, encode, goal] of encoders) {
  for (let i = 0; i < 200; i++) encode(batches[i % batches.length], i); // warm up
  let samples = 0;
  let bytes = 0;
  const started = performance.now();
  let round = 0;
  while (performance.now() - started < seconds * 1000) {
    bytes += encode(batches[round % batches.length], round);
    samples += BATCH;
    round++;
  }
  const rate = samples / ((performance.now() - started) / 1000);
  rates.push([name, rate, goal]);
  void bytes;
}
const reference = rates.at(-1)[1];
for (const [name, rate, goal] of rates)
  rows.push([name, fmt(rate, 0), fmt(rate / reference, 2), goal ? fmt(goal, 0) : '-', goal ? (rate >= goal ? 'yes' : 'NO') : '-']);
console.log(`\nEncoders, one core, batches of ${BATCH} samples, ${seconds} s each`);
console.log(table(rows));

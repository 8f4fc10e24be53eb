import type { Check, Dimensions, MetricType, Sample } from '@spinel/sdk';

/**
 * A batch of samples laid out for cheap transfer between threads: numbers in typed arrays
 * (transferable, no per-sample objects) and all strings in one text block. A collector run
 * becomes one postMessage (or a few for huge runs), never one per sample.
 */
export interface EncodedBatch {
  /** The collector's path segment (e.g. `cpu`). */
  readonly collectorPath: string;
  readonly host: string | undefined;
  /** Path of a sample is `pathPrefix + name` unless the record carries its own path. */
  readonly pathPrefix: string;
  readonly count: number;
  /** Per sample `name US dimensions [US path]`, samples separated by RS. */
  readonly text: string;
  readonly values: Float64Array;
  readonly timestamps: Float64Array;
  /** Per sample: type index in the high nibble, precision (0-15) in the low nibble. */
  readonly meta: Uint8Array;
}

const RS = '\u001e';
const US = '\u001f';
const PAIR = '\u001d';
const KV = '\u001c';
/** What a record is: a metric of one of the three kinds, or a check-in (value = its ttl). */
export type RecordType = MetricType | 'check';
const TYPES: readonly MetricType[] = ['gauge', 'counter', 'rate'];
const TYPE_INDEX: Readonly<Record<RecordType, number>> = { gauge: 0, counter: 1, rate: 2, check: 3 };
const CHECK = TYPE_INDEX.check;

export interface SampleInput {
  path: string;
  name: string;
  value: number;
  timestamp: number;
  type: RecordType;
  precision: number;
  dimensions: Dimensions | undefined;
  /** Set for Diamond instance metrics, whose path does not start with the collector's prefix. */
  instance?: string | undefined;
}

function encodeDimensions(dimensions: Dimensions | undefined): string {
  if (!dimensions) return '';
  let out = '';
  for (const key in dimensions) {
    if (out) out += PAIR;
    out += key + KV + dimensions[key];
  }
  return out;
}

function decodeDimensions(text: string): Dimensions | undefined {
  if (!text) return undefined;
  const out: Record<string, string> = {};
  for (const pair of text.split(PAIR)) {
    const at = pair.indexOf(KV);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

/**
 * Accumulates samples and produces {@link EncodedBatch}es; reusable across runs. Samples whose
 * path is `pathPrefix + name` carry only their name: half the text to build, copy and parse.
 */
export class BatchEncoder {
  private text = '';
  private count = 0;
  private values = new Float64Array(256);
  private timestamps = new Float64Array(256);
  private meta = new Uint8Array(256);

  constructor(
    private readonly collectorPath: string,
    private readonly host: string | undefined,
    /** '' makes every record carry its full path. */
    private readonly pathPrefix = '',
  ) {}

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const size = this.values.length * 2;
    const values = new Float64Array(size);
    values.set(this.values);
    const timestamps = new Float64Array(size);
    timestamps.set(this.timestamps);
    const meta = new Uint8Array(size);
    meta.set(this.meta);
    this.values = values;
    this.timestamps = timestamps;
    this.meta = meta;
  }

  add(sample: SampleInput): void {
    if (this.count === this.values.length) this.grow();
    const ownPath = this.pathPrefix === '' || sample.instance !== undefined;
    this.text += (this.count === 0 ? '' : RS) + sample.name + US + encodeDimensions(sample.dimensions) + (ownPath ? US + sample.path : '');
    this.values[this.count] = sample.value;
    this.timestamps[this.count] = sample.timestamp;
    this.meta[this.count] = (TYPE_INDEX[sample.type] << 4) | Math.max(0, Math.min(15, sample.precision | 0));
    this.count++;
  }

  /** Returns the accumulated batch (buffers trimmed to size) and starts a new one. */
  take(): EncodedBatch {
    const batch: EncodedBatch = {
      collectorPath: this.collectorPath,
      host: this.host,
      pathPrefix: this.pathPrefix,
      count: this.count,
      text: this.text,
      values: this.values.slice(0, this.count),
      timestamps: this.timestamps.slice(0, this.count),
      meta: this.meta.slice(0, this.count),
    };
    this.text = '';
    this.count = 0;
    return batch;
  }
}

/** Encodes ready-made samples, each with its own path (the runtime's telemetry, tests). */
export function encodeBatch(collectorPath: string, host: string | undefined, samples: readonly SampleInput[]): EncodedBatch {
  const encoder = new BatchEncoder(collectorPath, host);
  for (const sample of samples) encoder.add(sample);
  return encoder.take();
}

/** The transferable buffers of a batch, for `postMessage(batch, transferList(batch))`. */
export function transferList(batch: EncodedBatch): ArrayBuffer[] {
  return [batch.values.buffer, batch.timestamps.buffer, batch.meta.buffer] as ArrayBuffer[];
}

/**
 * Walks a batch's text block: for sample `i`, its name, dimensions text and path (its own, or
 * the batch's prefix plus its name). The one reader of the record layout.
 */
function forEachRecord(batch: EncodedBatch, visit: (i: number, name: string, dims: string, path: string) => void): void {
  const { text, pathPrefix } = batch;
  let start = 0;
  for (let i = 0; i < batch.count; i++) {
    let end = text.indexOf(RS, start);
    if (end < 0) end = text.length;
    const first = text.indexOf(US, start);
    const second = text.indexOf(US, first + 1);
    const hasPath = second >= 0 && second < end;
    const name = text.slice(start, first);
    visit(i, name, text.slice(first + 1, hasPath ? second : end), hasPath ? text.slice(second + 1, end) : pathPrefix + name);
    start = end + 1;
  }
}

/** Each sample's full path, without building samples (what the status page's metric browser needs). */
export function batchPaths(batch: EncodedBatch): string[] {
  const paths = new Array<string>(batch.count);
  forEachRecord(batch, (i, _name, _dims, path) => (paths[i] = path));
  return paths;
}

/** Whether record `i` is a check-in rather than a metric. */
export function isCheckRecord(batch: EncodedBatch, i: number): boolean {
  return (batch.meta[i] ?? 0) >> 4 === CHECK;
}

/** Whether the batch holds any check-in (one pass over a byte per record). */
function hasChecks(batch: EncodedBatch): boolean {
  for (let i = 0; i < batch.count; i++) if (isCheckRecord(batch, i)) return true;
  return false;
}

/** Turns a batch back into samples on the handler side (check-ins left out: {@link decodeChecks}). */
export function decodeBatch(batch: EncodedBatch): Sample[] {
  if (batch.count === 0) return [];
  const withChecks = hasChecks(batch);
  const out: Sample[] = withChecks ? [] : new Array<Sample>(batch.count);
  const { values, timestamps, meta, collectorPath, host } = batch;
  forEachRecord(batch, (i, name, dims, path) => {
    const m = meta[i] ?? 0;
    if (m >> 4 === CHECK) return;
    const sample: Sample = {
      path,
      name,
      dimensions: dims === '' ? undefined : decodeDimensions(dims),
      value: values[i] ?? Number.NaN,
      timestamp: timestamps[i] ?? 0,
      type: TYPES[m >> 4] ?? 'gauge',
      precision: m & 15,
      collectorPath,
      host,
    };
    if (withChecks) out.push(sample);
    else out[i] = sample;
  });
  return out;
}

/** The batch's check-ins (most batches have none). */
export function decodeChecks(batch: EncodedBatch): Check[] {
  if (!hasChecks(batch)) return [];
  const out: Check[] = [];
  const { values, timestamps, collectorPath, host } = batch;
  forEachRecord(batch, (i, name) => {
    if (isCheckRecord(batch, i)) out.push({ name, ttl: values[i] ?? 0, timestamp: timestamps[i] ?? 0, collectorPath, host });
  });
  return out;
}

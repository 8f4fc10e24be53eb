import type { Dimensions, MetricType, Sample } from '@spinel/sdk';

/**
 * A batch of samples laid out for cheap transfer between threads: numbers in typed arrays
 * (transferable, no per-sample objects) and all strings in one text block. A collector run
 * becomes one postMessage, never one per sample.
 */
export interface EncodedBatch {
  readonly collector: string;
  readonly host: string | undefined;
  readonly count: number;
  /** Per sample: `path US name US dimensions`, samples separated by RS. */
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
const TYPES: readonly MetricType[] = ['gauge', 'counter', 'rate'];

export interface SampleInput {
  path: string;
  name: string;
  value: number;
  timestamp: number;
  type: MetricType;
  precision: number;
  dimensions: Dimensions | undefined;
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

/** Accumulates samples and produces {@link EncodedBatch}es; reusable across runs. */
export class BatchEncoder {
  private texts: string[] = [];
  private values: number[] = [];
  private timestamps: number[] = [];
  private meta: number[] = [];

  constructor(
    private readonly collector: string,
    private readonly host: string | undefined,
  ) {}

  get size(): number {
    return this.values.length;
  }

  add(sample: SampleInput): void {
    this.texts.push(sample.path + US + sample.name + US + encodeDimensions(sample.dimensions));
    this.values.push(sample.value);
    this.timestamps.push(sample.timestamp);
    this.meta.push((TYPES.indexOf(sample.type) << 4) | Math.max(0, Math.min(15, sample.precision | 0)));
  }

  /** Returns the accumulated batch and starts a new one. */
  take(): EncodedBatch {
    const batch: EncodedBatch = {
      collector: this.collector,
      host: this.host,
      count: this.values.length,
      text: this.texts.join(RS),
      values: Float64Array.from(this.values),
      timestamps: Float64Array.from(this.timestamps),
      meta: Uint8Array.from(this.meta),
    };
    this.texts = [];
    this.values = [];
    this.timestamps = [];
    this.meta = [];
    return batch;
  }
}

/** Encodes ready-made samples (used by the runtime's own telemetry and by tests). */
export function encodeBatch(collector: string, host: string | undefined, samples: readonly SampleInput[]): EncodedBatch {
  const encoder = new BatchEncoder(collector, host);
  for (const sample of samples) encoder.add(sample);
  return encoder.take();
}

/** The transferable buffers of a batch, for `postMessage(batch, transferList(batch))`. */
export function transferList(batch: EncodedBatch): ArrayBuffer[] {
  return [batch.values.buffer, batch.timestamps.buffer, batch.meta.buffer] as ArrayBuffer[];
}

/** Turns a batch back into samples on the handler side. */
export function decodeBatch(batch: EncodedBatch): Sample[] {
  const out = new Array<Sample>(batch.count);
  if (batch.count === 0) return [];
  const records = batch.text.split(RS);
  for (let i = 0; i < batch.count; i++) {
    const record = records[i] ?? '';
    const first = record.indexOf(US);
    const second = record.indexOf(US, first + 1);
    const meta = batch.meta[i] ?? 0;
    out[i] = {
      path: record.slice(0, first),
      name: record.slice(first + 1, second),
      dimensions: decodeDimensions(record.slice(second + 1)),
      value: batch.values[i] ?? Number.NaN,
      timestamp: batch.timestamps[i] ?? 0,
      type: TYPES[meta >> 4] ?? 'gauge',
      precision: meta & 15,
      collector: batch.collector,
      host: batch.host,
    };
  }
  return out;
}

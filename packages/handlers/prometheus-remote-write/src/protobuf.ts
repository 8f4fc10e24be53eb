// The remote write 1.0 WriteRequest, encoded by hand: three small messages, written in two passes
// (sizes, then bytes) into one buffer, with no per-field objects. The field numbers are those of
// prometheus/prompb: WriteRequest.timeseries = 1; TimeSeries.labels = 1, .samples = 2;
// Label.name = 1, .value = 2; Sample.value = 1 (double), .timestamp = 2 (int64, milliseconds).

export interface WriteSeries {
  /** Sorted by name, `__name__` included. */
  labels: ReadonlyArray<readonly [string, string]>;
  /** In timestamp order. */
  samples: ReadonlyArray<{ value: number; timestampMs: number }>;
}

const LEN = 2;
const I64 = 1;
const VARINT = 0;

function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function fieldSize(payload: number): number {
  return 1 + varintSize(payload) + payload;
}

class Writer {
  readonly buffer: Buffer;
  private at = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  varint(value: number): void {
    while (value >= 128) {
      this.buffer[this.at++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.buffer[this.at++] = value;
  }

  tag(field: number, wire: number): void {
    this.buffer[this.at++] = (field << 3) | wire;
  }

  string(field: number, text: string, bytes: number): void {
    this.tag(field, LEN);
    this.varint(bytes);
    this.at += this.buffer.write(text, this.at, bytes, 'utf8');
  }

  double(field: number, value: number): void {
    this.tag(field, I64);
    this.buffer.writeDoubleLE(value, this.at);
    this.at += 8;
  }

  int64(field: number, value: number): void {
    this.tag(field, VARINT);
    // Timestamps are positive and below 2^53: a plain varint is exact.
    this.varint(value);
  }

  get length(): number {
    return this.at;
  }
}

/** Encodes a WriteRequest. */
export function encodeWriteRequest(series: readonly WriteSeries[]): Buffer {
  // Pass 1: sizes (string byte lengths are needed twice, so they are kept).
  const nameBytes: number[] = [];
  const seriesSizes: number[] = [];
  const labelSizes: number[] = [];
  const sampleSizes: number[] = [];
  let total = 0;
  for (const s of series) {
    let size = 0;
    for (const [name, value] of s.labels) {
      const n = Buffer.byteLength(name);
      const v = Buffer.byteLength(value);
      nameBytes.push(n, v);
      const label = fieldSize(n) + fieldSize(v);
      labelSizes.push(label);
      size += fieldSize(label);
    }
    for (const sample of s.samples) {
      const inner = 9 + (sample.timestampMs === 0 ? 0 : 1 + varintSize(sample.timestampMs));
      sampleSizes.push(inner);
      size += fieldSize(inner);
    }
    seriesSizes.push(size);
    total += fieldSize(size);
  }
  // Pass 2: bytes.
  const out = new Writer(total);
  let li = 0;
  let ni = 0;
  let si = 0;
  series.forEach((s, index) => {
    out.tag(1, LEN);
    out.varint(seriesSizes[index]!);
    for (const [name, value] of s.labels) {
      out.tag(1, LEN);
      out.varint(labelSizes[li++]!);
      out.string(1, name, nameBytes[ni++]!);
      out.string(2, value, nameBytes[ni++]!);
    }
    for (const sample of s.samples) {
      out.tag(2, LEN);
      out.varint(sampleSizes[si++]!);
      out.double(1, sample.value);
      if (sample.timestampMs !== 0) out.int64(2, sample.timestampMs);
    }
  });
  if (out.length !== total) throw new Error(`protobuf size mismatch: wrote ${out.length} of ${total} bytes`);
  return out.buffer;
}

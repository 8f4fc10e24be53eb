import type { Attribute, DataPoint, OtlpMetric, ResourceGroup } from './model.js';

// ExportMetricsServiceRequest in protobuf, written by hand against opentelemetry-proto's field
// numbers (checked in the tests by decoding with the official definitions). Nested messages
// reserve five bytes for their length and move back once it is known.

const LEN = 2;
const I64 = 1;
const VARINT = 0;

class ProtoWriter {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private at = 0;

  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(next, 0, 0, this.at);
    this.buffer = next;
  }

  private rawVarint(value: number): void {
    while (value >= 128) {
      this.buffer[this.at++] = (value & 127) | 128;
      value >>>= 7;
    }
    this.buffer[this.at++] = value;
  }

  tag(field: number, wire: number): void {
    this.ensure(1);
    this.buffer[this.at++] = (field << 3) | wire;
  }

  varint(field: number, value: number): void {
    this.tag(field, VARINT);
    this.ensure(5);
    this.rawVarint(value);
  }

  string(field: number, text: string): void {
    if (text === '') return;
    const bytes = Buffer.byteLength(text);
    this.tag(field, LEN);
    this.ensure(5 + bytes);
    this.rawVarint(bytes);
    this.at += this.buffer.write(text, this.at, bytes, 'utf8');
  }

  double(field: number, value: number): void {
    this.tag(field, I64);
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.at);
    this.at += 8;
  }

  /** fixed64 nanoseconds from milliseconds, exact (beyond 2^53, so via BigInt). */
  nanos(field: number, ms: number): void {
    if (ms === 0) return;
    this.tag(field, I64);
    this.ensure(8);
    this.buffer.writeBigUInt64LE(BigInt(ms) * 1_000_000n, this.at);
    this.at += 8;
  }

  begin(field: number): number {
    this.tag(field, LEN);
    this.ensure(5);
    const start = this.at;
    this.at += 5;
    return start;
  }

  end(start: number): void {
    const length = this.at - start - 5;
    let size = 1;
    for (let v = length; v >= 128; v >>>= 7) size++;
    if (size < 5) this.buffer.copyWithin(start + size, start + 5, this.at);
    const save = this.at - (5 - size);
    this.at = start;
    this.rawVarint(length);
    this.at = save;
  }

  finish(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.at));
  }
}

function keyValue(w: ProtoWriter, field: number, attribute: Attribute): void {
  const kv = w.begin(field);
  w.string(1, attribute.key);
  const any = w.begin(2);
  w.string(1, attribute.value); // AnyValue.string_value
  w.end(any);
  w.end(kv);
}

function dataPoint(w: ProtoWriter, field: number, point: DataPoint): void {
  const at = w.begin(field);
  w.nanos(2, point.startTimeMs); // start_time_unix_nano
  w.nanos(3, point.timeMs); // time_unix_nano
  w.double(4, point.value); // as_double
  for (const attribute of point.attributes) keyValue(w, 7, attribute);
  w.end(at);
}

function metric(w: ProtoWriter, m: OtlpMetric): void {
  const at = w.begin(2); // ScopeMetrics.metrics
  w.string(1, m.name);
  w.string(2, m.description);
  w.string(3, m.unit);
  const data = w.begin(m.kind === 'gauge' ? 5 : 7); // gauge = 5, sum = 7
  for (const point of m.points) dataPoint(w, 1, point);
  if (m.kind === 'sum') {
    w.varint(2, 2); // AGGREGATION_TEMPORALITY_CUMULATIVE
    w.varint(3, 1); // is_monotonic
  }
  w.end(data);
  w.end(at);
}

export function encodeProtobuf(groups: readonly ResourceGroup[], scope: { name: string; version: string }): Buffer {
  const w = new ProtoWriter();
  for (const group of groups) {
    const rm = w.begin(1); // ExportMetricsServiceRequest.resource_metrics
    const resource = w.begin(1);
    for (const attribute of group.attributes) keyValue(w, 1, attribute);
    w.end(resource);
    const sm = w.begin(2); // scope_metrics
    const s = w.begin(1);
    w.string(1, scope.name);
    w.string(2, scope.version);
    w.end(s);
    for (const m of group.metrics) metric(w, m);
    w.end(sm);
    w.end(rm);
  }
  return w.finish();
}

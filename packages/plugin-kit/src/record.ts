import type { Sample } from '@spinel/sdk';

/** A sample as JSON-speaking handlers write it (MQTT, NATS, HTTP): always these fields, dimensions `{}` when none. */
export interface SampleRecord {
  path: string;
  value: number;
  timestamp: number;
  type: Sample['type'];
  dimensions: Readonly<Record<string, string>>;
}

/** The record of a sample; `full` adds its short name, host and collector path (HTTP's body). */
export function sampleRecord(sample: Sample): SampleRecord;
export function sampleRecord(sample: Sample, full: true): SampleRecord & { name: string; host: string | null; collector: string };
export function sampleRecord(sample: Sample, full = false): SampleRecord & { name?: string; host?: string | null; collector?: string } {
  const base = { path: sample.path, value: sample.value, timestamp: sample.timestamp, type: sample.type, dimensions: sample.dimensions ?? {} };
  return full
    ? {
        path: sample.path,
        name: sample.name,
        value: sample.value,
        timestamp: sample.timestamp,
        type: sample.type,
        host: sample.host ?? null,
        collector: sample.collectorPath,
        dimensions: sample.dimensions ?? {},
      }
    : base;
}

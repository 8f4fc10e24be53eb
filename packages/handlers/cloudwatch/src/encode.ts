import type { Sample } from '@spinel/sdk';
import { uriEncode } from './sigv4.js';

/** PutMetricData's limits: metric data per request and request body size. */
export const MAX_METRICS_PER_REQUEST = 1000;
export const MAX_BODY_BYTES = 1_048_576;
export const MAX_DIMENSIONS = 30;
/** CloudWatch refuses values outside ±1.174271e108 and rounds away magnitudes below 8.515920e-109. */
const MAX_MAGNITUDE = 1.174271e108;
const MIN_MAGNITUDE = 8.51592e-109;

export interface EncodeOptions {
  namespace: string;
  /** Dimension name for the sample's host; '' leaves the host out. */
  hostDimension: string;
  storageResolution: 1 | 60;
}

export interface EncodedRequests {
  /** Form bodies, each within {@link MAX_METRICS_PER_REQUEST} and {@link MAX_BODY_BYTES}. */
  bodies: string[];
  /** Samples CloudWatch cannot store (NaN, infinite, out of range), left out. */
  skipped: number;
}

/** `cpu.total.user`: Diamond's collector path plus metric path, without prefix and host. */
export function metricName(sample: Sample): string {
  return `${sample.collectorPath}.${sample.name}`.slice(0, 255);
}

function dimensionsOf(sample: Sample, hostDimension: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (hostDimension && sample.host) out.push([hostDimension, sample.host]);
  if (sample.dimensions) {
    for (const [name, value] of Object.entries(sample.dimensions)) {
      if (out.length >= MAX_DIMENSIONS) break;
      if (!value || name === hostDimension) continue;
      out.push([name.slice(0, 255), value.slice(0, 1024)]);
    }
  }
  return out;
}

function member(index: number, sample: Sample, value: number, options: EncodeOptions): string {
  const prefix = `MetricData.member.${index}.`;
  let out = `&${prefix}MetricName=${uriEncode(metricName(sample))}&${prefix}Value=${value}&${prefix}Timestamp=${uriEncode(new Date(Math.round(sample.timestamp * 1000)).toISOString())}&${prefix}Unit=None`;
  if (options.storageResolution === 1) out += `&${prefix}StorageResolution=1`;
  dimensionsOf(sample, options.hostDimension).forEach(([name, dimValue], i) => {
    out += `&${prefix}Dimensions.member.${i + 1}.Name=${uriEncode(name)}&${prefix}Dimensions.member.${i + 1}.Value=${uriEncode(dimValue)}`;
  });
  return out;
}

/** Splits samples into PutMetricData form bodies within the request limits. */
export function encodeRequests(samples: readonly Sample[], options: EncodeOptions): EncodedRequests {
  const head = `Action=PutMetricData&Version=2010-08-01&Namespace=${uriEncode(options.namespace)}`;
  const bodies: string[] = [];
  let skipped = 0;
  let body = head;
  let count = 0;
  for (const sample of samples) {
    let value = sample.value;
    if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
      skipped++;
      continue;
    }
    if (value !== 0 && Math.abs(value) < MIN_MAGNITUDE) value = 0;
    let next = member(count + 1, sample, value, options);
    if (count === MAX_METRICS_PER_REQUEST || body.length + next.length > MAX_BODY_BYTES) {
      bodies.push(body);
      body = head;
      count = 0;
      next = member(1, sample, value, options);
    }
    body += next;
    count++;
  }
  if (count > 0) bodies.push(body);
  return { bodies, skipped };
}

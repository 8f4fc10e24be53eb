import type { Sample } from '@spinel/sdk';

/** Diamond's Metric line: `path value timestamp\n`, value printed with its precision. */
export function graphiteLine(sample: Sample): string {
  return `${sample.path} ${sample.value.toFixed(sample.precision)} ${Math.trunc(sample.timestamp)}\n`;
}

export function graphiteLines(batch: readonly Sample[]): string {
  let out = '';
  for (const sample of batch) out += graphiteLine(sample);
  return out;
}

import { PermanentDeliveryError } from './errors.js';
import { breaksLine, escapeName } from './names.js';
import type { Sample } from './sample.js';

/** The fields of a sample a plaintext line shows. */
export type PlaintextFields = Pick<Sample, 'path' | 'value' | 'precision' | 'timestamp'>;

/**
 * Diamond's Metric line, as carbon's plaintext protocol and Diamond's ArchiveHandler write it:
 * `path value timestamp\n`, the value with the sample's precision, the timestamp in whole seconds.
 */
export function plaintextLine(sample: PlaintextFields): string {
  // The runtime refuses such names at publish; this is the last defence of the line format.
  if (breaksLine(sample.path))
    throw new PermanentDeliveryError(`refusing a plaintext line for path ${escapeName(sample.path)}: whitespace or a control character would break the line`);
  return `${sample.path} ${sample.value.toFixed(sample.precision)} ${Math.trunc(sample.timestamp)}\n`;
}

export function plaintextLines(batch: readonly PlaintextFields[]): string {
  let out = '';
  for (const sample of batch) out += plaintextLine(sample);
  return out;
}

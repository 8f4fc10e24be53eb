import type { Check, Sample } from '@spinel/sdk';

const pad2 = (n: number): string => String(n).padStart(2, '0');

function clockTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** One aligned line per sample: `HH:MM:SS  name  value`, value with its precision. */
export function formatConsoleBatch(batch: readonly Sample[], names: 'full' | 'short'): string {
  const label = (s: Sample): string => (names === 'full' ? s.path : `${s.collectorPath}.${s.name}`);
  const width = Math.min(
    72,
    batch.reduce((max, s) => Math.max(max, label(s).length), 0),
  );
  let out = '';
  for (const sample of batch) {
    const kind = sample.type === 'gauge' ? '' : ` (${sample.type})`;
    out += `${clockTime(sample.timestamp)}  ${label(sample).padEnd(width)}  ${sample.value.toFixed(sample.precision)}${kind}\n`;
  }
  return out;
}

/** One line per check-in: `HH:MM:SS  check <collector>.<name>  alive (ttl <n> s)`. */
export function formatConsoleChecks(checks: readonly Check[]): string {
  let out = '';
  for (const check of checks) out += `${clockTime(check.timestamp)}  check ${check.collectorPath}.${check.name}  alive (ttl ${check.ttl} s)\n`;
  return out;
}

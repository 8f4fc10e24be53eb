/** Milliseconds per unit, as Diamond's time convertor has them (a year is 365 days). */
const MILLISECONDS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  y: 31_536_000_000,
};

/** A row's source and its signed offset with a unit: the last such column of the row (Diamond's LINE_PATTERN). */
const LINE = /^(\S+).*\s+([+-]\d+)(\w+)\s+/;
const IP = /^\d+\.\d+\.\d+\.\d+$/;

/** Diamond's cleanup_source: an IPv4 address with `_` for `.`, a host name's first label. */
export function sourceName(source: string): string {
  if (IP.test(source)) return source.replaceAll('.', '_');
  return source.split('.')[0] ?? source;
}

/**
 * `chronyc sourcestats` as offsets in milliseconds by source name, and the rows whose unit is not
 * a time unit (skipped, as Diamond logged and skipped them).
 */
export function sourceOffsets(output: string): { offsets: Array<[source: string, milliseconds: number]>; badUnits: string[] } {
  const offsets: Array<[string, number]> = [];
  const badUnits: string[] = [];
  for (const line of output.trim().split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, source = '', offset = '', unit = ''] = match;
    const scale = MILLISECONDS[unit.toLowerCase()];
    if (scale === undefined) badUnits.push(`${source}: ${offset}${unit}`);
    else offsets.push([sourceName(source), Number(offset) * scale]);
  }
  return { offsets, badUnits };
}

/** The StatsD metric types: counter, gauge, timer (`ms`, and `h`/`d` histograms and distributions), set. */
export type StatsdType = 'c' | 'g' | 'ms' | 's';

/** One metric line, `key:value|type[|@rate][|#tag:value,...]`, as parsed. */
export interface StatsdLine {
  key: string;
  /** The value text for sets; the number otherwise. */
  value: number;
  raw: string;
  type: StatsdType;
  /** A gauge line with a leading + or -: a change of the gauge, not a new value. */
  delta: boolean;
  /** Sample rate in (0, 1]; counts are divided by it. */
  rate: number;
  /** DogStatsD tags (`#env:prod,canary` gives env=prod, canary=''). */
  tags: Record<string, string> | undefined;
}

const TYPES: Record<string, StatsdType> = { c: 'c', g: 'g', ms: 'ms', h: 'ms', d: 'ms', s: 's' };

/**
 * Parses one line; undefined when it is malformed (no `:`, no `|type`, an unknown type, a value
 * that is not a number where one is needed, a sample rate outside (0, 1]). Written with indexOf,
 * not regular expressions: a listener parses every line it receives.
 */
export function parseLine(line: string): StatsdLine | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) return undefined;
  const bar = line.indexOf('|', colon + 1);
  if (bar < 0) return undefined;
  const key = line.slice(0, colon);
  const raw = line.slice(colon + 1, bar);
  let next = line.indexOf('|', bar + 1);
  const type = TYPES[line.slice(bar + 1, next < 0 ? line.length : next)];
  if (type === undefined || raw === '') return undefined;
  let rate = 1;
  let tags: Record<string, string> | undefined;
  while (next >= 0) {
    const end = line.indexOf('|', next + 1);
    const part = line.slice(next + 1, end < 0 ? line.length : end);
    if (part.startsWith('@')) {
      rate = Number(part.slice(1));
      if (!(rate > 0 && rate <= 1)) return undefined;
    } else if (part.startsWith('#')) {
      tags = {};
      for (const tag of part.slice(1).split(',')) {
        if (tag === '') continue;
        const sep = tag.indexOf(':');
        tags[sep < 0 ? tag : tag.slice(0, sep)] = sep < 0 ? '' : tag.slice(sep + 1);
      }
    }
    next = end;
  }
  const first = raw.charCodeAt(0);
  const delta = type === 'g' && (first === 43 || first === 45); // + or -
  const value = type === 's' ? 0 : Number(raw);
  if (type !== 's' && !Number.isFinite(value)) return undefined;
  return { key, value, raw, type, delta, rate, tags };
}

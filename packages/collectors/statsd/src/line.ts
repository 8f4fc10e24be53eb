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

/** The type named by the characters from `start` to `end`, read as char codes (no slice per line). */
function typeAt(line: string, start: number, end: number): StatsdType | undefined {
  const first = line.charCodeAt(start);
  if (end - start === 2) return first === 109 && line.charCodeAt(start + 1) === 115 ? 'ms' : undefined; // ms
  if (end - start !== 1) return undefined;
  switch (first) {
    case 99: // c
      return 'c';
    case 103: // g
      return 'g';
    case 115: // s
      return 's';
    case 104: // h: a histogram, aggregated as a timer
    case 100: // d: a distribution, likewise
      return 'ms';
    default:
      return undefined;
  }
}

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
  const type = typeAt(line, bar + 1, next < 0 ? line.length : next);
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

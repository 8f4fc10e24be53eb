// Prometheus' naming conventions, as `promtool check metrics` lints them, applied to names made
// from Diamond paths (`memory.MemTotal`, `iostat.sda.io_milliseconds`, `cpu.cpu_count`): snake
// case, no colons, base units (the value scaled to match), no metric type as a word, and the
// endings Prometheus keeps for counters, histograms and summaries only on those.

const PREFIX_FACTORS: Readonly<Record<string, number>> = {
  pico: 1e-12,
  nano: 1e-9,
  micro: 1e-6,
  milli: 1e-3,
  centi: 1e-2,
  deci: 1e-1,
  deca: 1e1,
  hecto: 1e2,
  kilo: 1e3,
  kibi: 2 ** 10,
  mega: 1e6,
  mibi: 2 ** 20,
  giga: 1e9,
  gibi: 2 ** 30,
  tera: 1e12,
  tebi: 2 ** 40,
  peta: 1e15,
  pebi: 2 ** 50,
};

/** A unit word and the base unit it converts to, with the factor from one to the other. */
const UNITS: Readonly<Record<string, { base: string; factor: number }>> = {
  seconds: { base: 'seconds', factor: 1 },
  minutes: { base: 'seconds', factor: 60 },
  hours: { base: 'seconds', factor: 3600 },
  days: { base: 'seconds', factor: 86_400 },
  weeks: { base: 'seconds', factor: 604_800 },
  bytes: { base: 'bytes', factor: 1 },
  bits: { base: 'bytes', factor: 1 / 8 },
  meters: { base: 'meters', factor: 1 },
  grams: { base: 'grams', factor: 1 },
  joules: { base: 'joules', factor: 1 },
  volts: { base: 'volts', factor: 1 },
  amperes: { base: 'amperes', factor: 1 },
};

// Abbreviations promtool refuses as a word of a name, and the word they stand for.
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  s: 'seconds',
  sec: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  b: 'bytes',
  kb: 'kilobytes',
  mb: 'megabytes',
  gb: 'gigabytes',
  tb: 'terabytes',
  pb: 'petabytes',
};
// Letters whose unit cannot be told (m: meters, minutes or mega; h, d): joined to the word before.
const AMBIGUOUS = new Set(['m', 'h', 'd']);
const TYPE_WORDS = new Set(['counter', 'gauge', 'histogram', 'summary', 'gaugehistogram']);
const RESERVED_ENDING = /_(total|count|sum|bucket)$/;

/** The base unit and factor of a word such as `milliseconds`, `minutes` or `kibibytes`. */
function unitOf(word: string): { base: string; factor: number } | undefined {
  const plain = UNITS[word];
  if (plain) return plain;
  for (const [prefix, factor] of Object.entries(PREFIX_FACTORS)) {
    const unit = word.startsWith(prefix) ? UNITS[word.slice(prefix.length)] : undefined;
    if (unit) return { base: unit.base, factor: factor * unit.factor };
  }
  return undefined;
}

/** `MemTotal` → `mem_total`, `DelayedACKLost` → `delayed_ack_lost`, `DirectMap2M` → `direct_map2m`, `a:b` → `a_b`. */
export function snakeCase(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([0-9])([A-Z][a-z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/:/g, '_')
    .replace(/_{2,}/g, '_');
}

export interface ConventionalName {
  name: string;
  /** What to multiply the value by, for the base unit the name now says. */
  scale: number;
}

/**
 * A valid metric name (already free of invalid characters) made to pass promtool's lint: words
 * snake case, unit words in base units, type words plural, `_total` on counters only, and a
 * gauge's reserved ending (`_count`, `_sum`, `_bucket`, `_total`) followed by `_value`.
 */
export function conventionalName(validName: string, counter: boolean): ConventionalName {
  let scale = 1;
  const words: string[] = [];
  for (const [index, word] of snakeCase(validName).split('_').entries()) {
    if (AMBIGUOUS.has(word) && index > 0 && words.length > 0) {
      words[words.length - 1] += word;
      continue;
    }
    const spelt = ABBREVIATIONS[word] ?? word;
    const unit = unitOf(spelt);
    if (unit) scale *= unit.factor;
    words.push(unit ? unit.base : TYPE_WORDS.has(spelt) ? `${spelt}s` : spelt);
  }
  let name = words.join('_');
  if (counter && !name.endsWith('_total')) name += '_total';
  else if (!counter && RESERVED_ENDING.test(name)) name += '_value';
  return { name, scale };
}

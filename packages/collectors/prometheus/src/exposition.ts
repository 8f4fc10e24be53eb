/** A metric family's type as the exposition declares it (`# TYPE`); untyped when it does not. */
export type FamilyType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'info' | 'stateset' | 'gaugehistogram' | 'unknown';

/** One sample line: `name{label="value",...} value [timestamp]`. */
export interface ExpositionSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** The family it belongs to (`http_requests` for `http_requests_total` in OpenMetrics). */
  family: string;
  type: FamilyType;
}

const TYPES = new Set<FamilyType>(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'info', 'stateset', 'gaugehistogram', 'unknown']);
const SUFFIXES = ['_total', '_created', '_bucket', '_count', '_sum', '_gcount', '_gsum', '_info'];
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/** Reads `{a="x",b="y\"z"}` from `text` at `at`; returns the labels and where it ended. */
function readLabels(text: string, at: number, line: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  let i = at + 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (text[i] === '}') return [labels, i + 1];
    const name = NAME.exec(text.slice(i))?.[0];
    if (!name) throw new Error(`line ${line}: expected a label name at column ${i + 1}`);
    i += name.length;
    while (text[i] === ' ') i++;
    if (text[i] !== '=' || text[i + 1] !== '"') throw new Error(`line ${line}: expected ="..." after label ${name}`);
    i += 2;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error(`line ${line}: unterminated value of label ${name}`);
      if (c === '"') break;
      if (c === '\\') {
        const next = text[i + 1];
        value += next === 'n' ? '\n' : (next ?? '');
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    labels[name] = value;
    i++;
  }
}

function parseValue(text: string): number {
  switch (text) {
    case '+Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    case 'NaN':
      return Number.NaN;
    default:
      return Number(text);
  }
}

/**
 * Parses the Prometheus text exposition format (0.0.4) and OpenMetrics 1.0 text: `# TYPE` lines
 * type their family, `# HELP`, `# UNIT`, `# EOF` and exemplars (`# {...}` after a value) are
 * skipped. A malformed line throws naming its line number.
 */
export function parseExposition(text: string): ExpositionSample[] {
  const types = new Map<string, FamilyType>();
  const samples: ExpositionSample[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const parts = line.split(/\s+/);
      if (parts[1] === 'TYPE' && parts[2] && parts[3]) types.set(parts[2], TYPES.has(parts[3] as FamilyType) ? (parts[3] as FamilyType) : 'untyped');
      continue;
    }
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`line ${index + 1}: expected a metric name`);
    let at = name.length;
    let labels: Record<string, string> = {};
    if (line[at] === '{') [labels, at] = readLabels(line, at, index + 1);
    const rest = line.slice(at).trim().split(/\s+/);
    const valueText = rest[0];
    if (valueText === undefined || valueText === '') throw new Error(`line ${index + 1}: ${name} has no value`);
    const value = parseValue(valueText);
    if (Number.isNaN(value) && valueText !== 'NaN') throw new Error(`line ${index + 1}: ${name}: ${JSON.stringify(valueText)} is not a number`);
    let family = name;
    let type = types.get(name);
    if (type === undefined) {
      const suffix = SUFFIXES.find((s) => name.endsWith(s) && types.has(name.slice(0, -s.length)));
      if (suffix) {
        family = name.slice(0, -suffix.length);
        type = types.get(family);
      }
    }
    samples.push({ name, labels, value, family, type: type ?? 'untyped' });
  }
  return samples;
}

/** Whether a sample counts up from the process start (a rate makes sense of it). */
export function isCumulative(sample: ExpositionSample): boolean {
  if (sample.type === 'counter') return !sample.name.endsWith('_created');
  if (sample.type === 'histogram' || sample.type === 'summary') return sample.name.endsWith('_count') || sample.name.endsWith('_sum') || sample.name.endsWith('_bucket');
  return false;
}

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
const MAX_FAMILIES = 100_000;

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
 * Reads the Prometheus text exposition format (0.0.4) and OpenMetrics 1.0 text as it arrives, a
 * line at a time, handing each sample to `onSample` and keeping nothing else but the `# TYPE`
 * declarations: an endpoint of a million series costs its lines one by one, never a million
 * objects. `# HELP`, `# UNIT`, `# EOF` and exemplars (`# {...}` after a value) are skipped. A
 * malformed line throws naming its line number.
 */
export class ExpositionReader {
  private readonly types = new Map<string, FamilyType>();
  private tail = '';
  private lineNumber = 0;

  constructor(private readonly onSample: (sample: ExpositionSample) => void) {}

  push(text: string): void {
    const chunk = this.tail + text;
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      this.line(chunk.slice(start, end));
      start = end + 1;
    }
    this.tail = chunk.slice(start);
  }

  end(): void {
    if (this.tail !== '') this.line(this.tail);
    this.tail = '';
  }

  private line(raw: string): void {
    this.lineNumber++;
    const index = this.lineNumber - 1;
    const { types } = this;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const parts = line.split(/\s+/);
      // Families beyond MAX_FAMILIES stay untyped: declarations alone cannot grow the reader.
      if (parts[1] === 'TYPE' && parts[2] && parts[3] && types.size < MAX_FAMILIES)
        types.set(parts[2], TYPES.has(parts[3] as FamilyType) ? (parts[3] as FamilyType) : 'untyped');
      return;
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
    this.onSample({ name, labels, value, family, type: type ?? 'untyped' });
  }
}

/** Every sample of a whole exposition text. */
export function parseExposition(text: string): ExpositionSample[] {
  const samples: ExpositionSample[] = [];
  const reader = new ExpositionReader((sample) => samples.push(sample));
  reader.push(text);
  reader.end();
  return samples;
}

/** Whether a sample counts up from the process start (a rate makes sense of it). */
export function isCumulative(sample: ExpositionSample): boolean {
  if (sample.type === 'counter') return !sample.name.endsWith('_created');
  if (sample.type === 'histogram' || sample.type === 'summary')
    return sample.name.endsWith('_count') || sample.name.endsWith('_sum') || sample.name.endsWith('_bucket');
  return false;
}

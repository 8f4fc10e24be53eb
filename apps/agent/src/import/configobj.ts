// Diamond's config files are Python ConfigObj: `key = value` lines under `[section]`,
// `[[subsection]]`, `[[[subsubsection]]]` headers, `#` comments, values quoted or bare, and a bare
// comma making a list (`a, b`, or `a,` for a list of one). This reads that format into plain
// sections, each value and section remembering its line for messages.

export type ConfigObjValue = string | string[];

export interface ConfigObjSection {
  name: string;
  /** Where the header was (0 for the file's top level). */
  line: number;
  values: Map<string, { value: ConfigObjValue; line: number }>;
  sections: Map<string, ConfigObjSection>;
}

/** A line the reader cannot take: `<file>:<line>: <what>`. */
export class ConfigObjError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    what: string,
  ) {
    super(`${file}:${line}: ${what}`);
    this.name = 'ConfigObjError';
  }
}

function section(name: string, line: number): ConfigObjSection {
  return { name, line, values: new Map(), sections: new Map() };
}

const HEADER = /^(\[+)\s*(.*?)\s*(\]+)\s*(?:#.*)?$/;

/**
 * Splits a value into its items: commas outside quotes separate items, `#` outside quotes starts
 * a comment, quotes are removed. One item without a comma is a string; with one, a list.
 */
export function parseValue(raw: string, fail: (what: string) => never): ConfigObjValue {
  const text = raw.trim();
  if (text.startsWith('"""') || text.startsWith("'''")) {
    const quote = text.slice(0, 3);
    const end = text.indexOf(quote, 3);
    if (end < 0) fail(`a ${quote} value must end on the same line here`);
    return text.slice(3, end);
  }
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let quote = '';
  let sawComma = false;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      if (current.trim() !== '') fail(`a quote in the middle of a value: ${text}`);
      quote = c;
      quoted = true;
      current = '';
      continue;
    }
    if (c === '#') break;
    if (c === ',') {
      sawComma = true;
      items.push(quoted ? current : current.trim());
      current = '';
      quoted = false;
      continue;
    }
    current += c;
  }
  if (quote) fail(`an unterminated ${quote} quote: ${text}`);
  const last = quoted ? current : current.trim();
  if (!sawComma) return last;
  if (last !== '' || quoted) items.push(last);
  return items;
}

/** Reads a ConfigObj file's text; `file` names it in errors. */
export function parseConfigObj(text: string, file: string): ConfigObjSection {
  const root = section('', 0);
  const stack: ConfigObjSection[] = [root];
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const lineNumber = index + 1;
    const fail = (what: string): never => {
      throw new ConfigObjError(file, lineNumber, what);
    };
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = HEADER.exec(line);
    if (header) {
      const depth = header[1]!.length;
      if (header[3]!.length !== depth) fail(`a section header needs as many ] as [: ${line}`);
      if (depth > stack.length) fail(`section ${header[2]} is ${depth} levels deep, but its parent is missing`);
      const name = header[2]!.replace(/^(["'])(.*)\1$/, '$2');
      if (name === '') fail('a section needs a name');
      stack.length = depth;
      const parent = stack[depth - 1]!;
      if (parent.sections.has(name)) fail(`section [${name}] appears twice in ${parent.name ? `[${parent.name}]` : 'the file'}`);
      const child = section(name, lineNumber);
      parent.sections.set(name, child);
      stack.push(child);
      continue;
    }
    const equals = line.indexOf('=');
    if (equals <= 0) fail(`expected \`key = value\` or a [section], found: ${line}`);
    const key = line.slice(0, equals).trim().replace(/^(["'])(.*)\1$/, '$2');
    const current = stack[stack.length - 1]!;
    if (current.values.has(key)) fail(`${key} is set twice in ${current.name ? `[${current.name}]` : 'the file'}`);
    current.values.set(key, { value: parseValue(line.slice(equals + 1), fail), line: lineNumber });
  }
  return root;
}

// Diamond's config files are Python ConfigObj 5, read with its defaults: `key = value` lines under
// `[section]`, `[[subsection]]`, ... headers, `#` comments, quoted or bare values, a bare comma
// making a list, `'''`/`"""` values that may span lines. ConfigObj's grammar is a set of
// backtracking regular expressions, and what it accepts follows from their order of alternatives
// (an indented `  = x` is the key " ", `('a', 'b', 1)` is a list of four strings), so this reader
// states the same grammar as JavaScript expressions, with Python's whitespace and `.`, and walks
// lines as ConfigObj does. `configobj-differential.test.ts` holds it to the real ConfigObj.
import { excerpt } from '@spinel/sdk';

export type ConfigObjValue = string | string[];

export interface ConfigObjSection {
  name: string;
  /** Where the header was (0 for the file's top level). */
  line: number;
  /** Bracket depth: 0 for the file, 1 for `[a]`, 2 for `[[b]]`. */
  depth: number;
  /** The file it was read from. */
  file: string;
  /** The enclosing section; the file's top level has none. */
  parent?: ConfigObjSection;
  values: Map<string, ConfigObjEntry>;
  sections: Map<string, ConfigObjSection>;
}

/** One `key = value`, with the file and line it came from. */
export interface ConfigObjEntry {
  value: ConfigObjValue;
  line: number;
  file: string;
}

/** A file ConfigObj would refuse: `<file>:<line>: <what>` (the first of `count` errors). */
export class ConfigObjError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    what: string,
    readonly count = 1,
  ) {
    super(`${file}:${line}: ${what}${count > 1 ? ` (and ${count - 1} more ${count === 2 ? 'error' : 'errors'} after it)` : ''}`);
    this.name = 'ConfigObjError';
  }
}

export function emptySection(name: string, line: number, file: string, parent?: ConfigObjSection): ConfigObjSection {
  return { name, line, file, depth: parent ? parent.depth + 1 : 0, parent, values: new Map(), sections: new Map() };
}

// Python's `\s` and str.strip() (Py_UNICODE_ISSPACE); JavaScript's `\s` differs in four places.
const WS_CHARS = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const ws = `[${WS_CHARS}]`;
const nonWs = `[^${WS_CHARS}]`;
// Lines never hold a \n, so `.` with the s flag is Python's `.` here.
const rx = (source: string, flags = ''): RegExp => new RegExp(source, `su${flags}`);

const dq = '".*?"';
const sq = "'.*?'";
const comment = `${ws}*(#.*)?`;

const keyLine = rx(`^(${ws}*)(${dq}|${sq}|[^'"=].*?)${ws}*=${ws}*(.*)$`);
const sectionLine = rx(`^(${ws}*)((?:\\[${ws}*)+)("${ws}*${nonWs}.*?${ws}*"|'${ws}*${nonWs}.*?${ws}*'|[^'"${WS_CHARS}].*?)((?:${ws}*\\])+)${comment}$`);
// A value: items each followed by a comma, then a last item (or an empty one, unless right after
// a comma), or a lone comma for the empty list; then an optional comment.
const listItem = `(?:${dq}|${sq}|[^'",#][^,#]*?)${ws}*,${ws}*`;
const lastItem = `${dq}|${sq}|[^'",#${WS_CHARS}][^,]*?|(?<!,)`;
const valueText = rx(`^(?:(?:((?:${listItem})*)(${lastItem})?)|(,))${comment}$`);
// Items of the list part, found one after another as Python's findall does.
const listItems = rx(`(${dq}|${sq}|[^'",#]?.*?)${ws}*,${ws}*`, 'g');
const tripleOneLine = { "'''": rx(`^'''(.*?)'''${comment}$`), '"""': rx(`^"""(.*?)"""${comment}$`) };
const tripleLastLine = { "'''": rx(`^(.*?)'''${comment}$`), '"""': rx(`^(.*?)"""${comment}$`) };
const pyStrip = (text: string): string => text.replace(rx(`^${ws}+|${ws}+$`, 'g'), '');

class ValueSyntaxError extends Error {}

function unquote(text: string): string {
  if (text === '') throw new ValueSyntaxError();
  const first = text[0];
  return (first === '"' || first === "'") && text.at(-1) === first ? text.slice(1, -1) : text;
}

function parseValue(text: string): ConfigObjValue {
  const match = valueText.exec(text);
  if (!match) throw new ValueSyntaxError();
  const [, listPart, lastPart, loneComma] = match;
  if (loneComma !== undefined) return [];
  // JavaScript leaves an optional group that matched nothing undefined; Python gives '' unless the
  // empty last item stood right after a comma (the lookbehind).
  let last: string | undefined = lastPart ?? (listPart?.endsWith(',') ? undefined : '');
  if (last !== undefined) last = listPart && last === '' ? undefined : unquote(last || '""');
  if (!listPart) {
    if (last === undefined) throw new ValueSyntaxError();
    return last;
  }
  const items = [...listPart.matchAll(listItems)].map((m) => unquote(m[1]!));
  return last === undefined ? items : [...items, last];
}

/** A `'''` or `"""` value: on one line, or up to the first later line holding the quote. */
function tripleQuoted(value: string, lines: readonly string[], index: number): { value: string; end: number } {
  const quote = value.slice(0, 3) as "'''" | '"""';
  const oneLine = tripleOneLine[quote].exec(value);
  if (oneLine) return { value: oneLine[1]!, end: index };
  let text = value.slice(3);
  if (text.includes(quote)) throw new ValueSyntaxError();
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes(quote)) {
      text += `\n${line}`;
      continue;
    }
    const last = tripleLastLine[quote].exec(line);
    if (!last) throw new ValueSyntaxError();
    return { value: `${text}\n${last[1]!}`, end: i };
  }
  throw new ValueSyntaxError();
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean => prefix.every((b, i) => bytes[i] === b);

/**
 * The file's lines as ConfigObj gets them: split after each \n, decoded (UTF-8, or UTF-16 after a
 * UTF-16 byte order mark, line by line as ConfigObj does), trailing \r and \n removed.
 */
export function configObjLines(bytes: Uint8Array, file: string): string[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      chunks.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  if (chunks.length === 0) return [];
  let encoding = 'utf-8';
  let stripBom = false;
  if (startsWith(chunks[0]!, UTF8_BOM)) chunks[0] = chunks[0]!.subarray(3);
  else if (startsWith(chunks[0]!, [0xfe, 0xff])) encoding = 'utf-16be';
  else if (startsWith(chunks[0]!, [0xff, 0xfe])) [encoding, stripBom] = ['utf-16le', true];
  return chunks.map((chunk, index) => {
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: !(stripBom && index === 0) }).decode(chunk);
      return text.replace(/[\r\n]+$/, '');
    } catch {
      throw new ConfigObjError(file, index + 1, `this line is not valid ${encoding.toUpperCase()}; ConfigObj reads the file as ${encoding.toUpperCase()}`);
    }
  });
}

/** Reads a ConfigObj file (its bytes, or text already decoded); `file` names it in errors. */
export function parseConfigObj(input: Uint8Array | string, file: string): ConfigObjSection {
  const lines = typeof input === 'string' ? configObjLines(new TextEncoder().encode(input), file) : configObjLines(input, file);
  const root = emptySection('', 0, file);
  const errors: { line: number; what: string }[] = [];
  let current = root;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fail = (what: string): void => void errors.push({ line: index + 1, what });
    const bare = pyStrip(line);
    if (bare === '' || bare.startsWith('#')) continue;
    const header = sectionLine.exec(line);
    if (header) {
      const [, , open, rawName, close] = header;
      const depth = open!.split('[').length - 1;
      if (depth !== close!.split(']').length - 1) {
        fail(`a section header needs as many ] as [: ${excerpt(bare, 40)}`);
        continue;
      }
      let parent: ConfigObjSection | undefined;
      if (depth < current.depth) {
        parent = current;
        while (parent.depth > depth) parent = parent.parent!;
        parent = parent.parent;
      } else if (depth === current.depth) parent = current.parent;
      else if (depth === current.depth + 1) parent = current;
      if (!parent) {
        fail(`section ${excerpt(bare, 40)} is ${depth} levels deep, but the section before it is ${current.depth} deep`);
        continue;
      }
      const name = unquote(rawName!);
      if (parent.sections.has(name) || parent.values.has(name)) {
        fail(`${name} appears twice in ${parent.name ? `[${parent.name}]` : 'the file'}`);
        continue;
      }
      current = emptySection(name, index + 1, file, parent);
      parent.sections.set(name, current);
      continue;
    }
    const keyed = keyLine.exec(line);
    if (!keyed) {
      fail(`expected \`key = value\` or a [section], found: ${excerpt(bare, 24)}`);
      continue;
    }
    let value: ConfigObjValue;
    const raw = keyed[3]!;
    const start = index;
    try {
      if (raw.startsWith("'''") || raw.startsWith('"""')) {
        const triple = tripleQuoted(raw, lines, index);
        value = triple.value;
        index = triple.end;
      } else value = parseValue(raw);
    } catch (error) {
      if (!(error instanceof ValueSyntaxError)) throw error;
      fail(
        raw.startsWith("'''") || raw.startsWith('"""')
          ? `a ${raw.slice(0, 3)} value must end with ${raw.slice(0, 3)} and nothing but a comment after it`
          : `a value ConfigObj cannot read (a quote left open, text after a closing quote, or an empty list item): ${excerpt(raw, 24)}`,
      );
      continue;
    }
    const key = unquote(keyed[2]!);
    if (current.values.has(key) || current.sections.has(key)) {
      errors.push({ line: index + 1, what: `${key} is set twice in ${current.name ? `[${current.name}]` : 'the file'}` });
      continue;
    }
    current.values.set(key, { value, line: start + 1, file });
  }
  if (errors.length > 0) throw new ConfigObjError(file, errors[0]!.line, errors[0]!.what, errors.length);
  return root;
}

/** A `%(name)s` reference that names no value (ConfigObj's MissingInterpolationOption). */
export class InterpolationError extends Error {
  override name = 'InterpolationError';
}

const REFERENCE = /%\(([^)]*)\)s/g;

function lookUp(section: ConfigObjSection, key: string): { value: ConfigObjValue; section: ConfigObjSection } | undefined {
  for (let at: ConfigObjSection | undefined = section; at; at = at.parent) {
    const own = at.values.get(key);
    if (own) return { value: own.value, section: at };
    if (at.values.has('DEFAULT')) throw new InterpolationError(`DEFAULT in [${at.name}] is a value, where a reference looks for a section`);
    const fallback = at.sections.get('DEFAULT')?.values.get(key);
    if (fallback) return { value: fallback.value, section: at };
  }
  return undefined;
}

/**
 * A value as Diamond reads it: ConfigObj's default interpolation replaces `%(name)s` with the
 * value `name` has in the same section, its `DEFAULT` subsection, or a section above.
 */
export function interpolate(section: ConfigObjSection, key: string, value: ConfigObjValue): ConfigObjValue {
  const expand = (text: string, name: string, owner: ConfigObjSection, trail: Set<string>): string => {
    if (!text.includes('%')) return text;
    const mark = `${owner.depth}:${owner.name}\u0000${name}`;
    if (trail.has(mark)) throw new InterpolationError(`interpolation loop in ${name}`);
    trail.add(mark);
    let out = '';
    let from = 0;
    for (const match of text.matchAll(REFERENCE)) {
      const found = lookUp(owner, match[1]!);
      if (!found || typeof found.value !== 'string') throw new InterpolationError(`%(${match[1]!})s names no value in this section or above it`);
      out += text.slice(from, match.index) + expand(found.value, match[1]!, found.section, trail);
      from = match.index! + match[0].length;
    }
    trail.delete(mark);
    return out + text.slice(from);
  };
  return typeof value === 'string' ? expand(value, key, section, new Set()) : value.map((item) => expand(item, key, section, new Set()));
}

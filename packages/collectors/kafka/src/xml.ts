// MX4J answers with small, flat XML (Server > Domain > MBean, MBean > Attribute), so a strict
// reader of elements and their attributes is all it takes; anything malformed is refused whole,
// as Diamond's ElementTree refused it.
import { SpinelError } from '@spinel/sdk';

export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const known = ENTITIES[entity];
    if (known === undefined) throw new Error(`unknown entity ${whole}`);
    return known;
  });
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;

/** Every element of a document, in order, with its attributes; throws on a document that is not well formed. */
export function xmlElements(text: string, what: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const open: string[] = [];
  let at = 0;
  const fail = (why: string): never => {
    throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${what} answered XML that is not well formed (${why} at offset ${at})`);
  };
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    if (lt < 0) {
      if (text.slice(at).trim() !== '') fail('text after the root element');
      break;
    }
    if (open.length === 0 && text.slice(at, lt).trim() !== '') fail('text outside the root element');
    at = lt;
    if (text.startsWith('<?', at) || text.startsWith('<!--', at)) {
      const end = text.indexOf(text.startsWith('<?', at) ? '?>' : '-->', at);
      if (end < 0) fail('an unterminated declaration or comment');
      at = end + (text.startsWith('<?', at) ? 2 : 3);
      continue;
    }
    TAG.lastIndex = at;
    const tag = TAG.exec(text);
    if (!tag) return fail('a broken tag');
    const [whole, closing, name = '', attributes = '', selfClosing] = tag;
    if (closing) {
      if (open.pop() !== name) fail(`a </${name}> that closes nothing open`);
    } else {
      if (open.length === 0 && elements.length > 0) fail('a second root element');
      const values: Record<string, string> = {};
      for (const [, key = '', double, single] of attributes.matchAll(ATTRIBUTE)) values[key] = decode(double ?? single ?? '');
      elements.push({ name, attributes: values });
      if (!selfClosing) open.push(name);
    }
    at += whole.length;
  }
  if (open.length > 0 || elements.length === 0) fail(open.length > 0 ? `<${open.at(-1) ?? ''}> never closed` : 'no element');
  return elements;
}

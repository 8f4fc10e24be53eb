// How an MBean attribute (`java.lang:name=ParNew,type=GarbageCollector.CollectionCount`) becomes a
// published name: Diamond's clean_up, the Metricly fork's, and the rewrites both end with.

/** A compiled `rewrite` pair: Python's re.sub replacing every match. */
export type Rewrite = readonly [RegExp, string];

/** Diamond's three built-in rewrites: brackets and quotes go, `:,.` runs become one dot, anything else odd `_`. */
export const BASE_REWRITES: readonly Rewrite[] = [
  [/["'(){}<>[\]]/g, ''],
  [/[:,.]+/g, '.'],
  [/[^a-zA-Z0-9_.+-]+/g, '_'],
];

/** A Python replacement string (`\1`, `\g<1>`) as JavaScript's (`$1`), other `$` kept literal. */
export function pythonReplacement(text: string): string {
  return text.replaceAll('$', '$$$$').replace(/\\g<(\d+)>|\\(\d+)/g, (_, named: string | undefined, plain: string | undefined) => `$${named ?? plain}`);
}

/** The `rewrite` option compiled, after the built-in ones. */
export function compileRewrites(pairs: Readonly<Record<string, string>>): Rewrite[] {
  return [...BASE_REWRITES, ...Object.entries(pairs).map(([pattern, replacement]): Rewrite => [new RegExp(pattern, 'g'), pythonReplacement(replacement)])];
}

export function applyRewrites(text: string, rewrites: readonly Rewrite[]): string {
  let out = text;
  for (const [pattern, replacement] of rewrites) out = out.replace(pattern, replacement);
  return out;
}

/** Diamond's clean_up: the rewrites on the whole text. */
export function diamondName(text: string, rewrites: readonly Rewrite[]): string {
  return applyRewrites(text, rewrites);
}

/** `key=value` of an MBean's key list, as the fork split it (a value after a second `=` is dropped). */
export function keyValues(keys: string): Array<[string, string]> {
  return keys.split(',').map((pair) => {
    const parts = pair.split('=');
    return [parts[0] ?? '', parts[1] ?? ''];
  });
}

const dashed = (value: string): string => value.replaceAll('.', '-');

/**
 * The Metricly fork's clean_up: `domain.type<other keys>.name<rest of type>`, where the attribute
 * path rides on the last key's value (so `type=GarbageCollector.CollectionCount` gives type
 * `GarbageCollector` and rest `CollectionCount`, glued to the name without a dot, as the fork did),
 * then the rewrites. Only the text between the first and second `:` is read as keys.
 */
export function metriclyName(text: string, rewrites: readonly Rewrite[]): string {
  const parts = text.split(':');
  if (parts.length < 2) return applyRewrites(text, rewrites);
  let type = '';
  let name = '';
  let other = '';
  for (const [key, value] of keyValues(parts[1] ?? '')) {
    if (key.toLowerCase() === 'type') type = value;
    else if (key.toLowerCase() === 'name') name = `.${dashed(value)}`;
    else other += `.${dashed(key)}.${dashed(value)}`;
  }
  const dot = type.indexOf('.');
  const rest = dot < 0 ? '' : type.slice(dot + 1);
  if (dot >= 0) type = type.slice(0, dot);
  return applyRewrites(`${parts[0]}.${type}${other}${name}${rest}`, rewrites);
}

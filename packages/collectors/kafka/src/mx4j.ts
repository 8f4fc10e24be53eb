/** MX4J attribute types Diamond read as numbers (the rest, strings and composites, are passed over). */
const NUMERIC_TYPES = new Set(['double', 'float', 'int', 'long', 'java.lang.Object']);

/**
 * Diamond's name for an MBean's figures: the value of each `key=value` after the first, quotes
 * dropped, joined by dots (`java.lang:type=GarbageCollector,name=PS Scavenge` is
 * `GarbageCollector.PS Scavenge`), as its split-on-`=` loop made it, spaces removed later.
 */
export function mbeanPrefix(objectname: string): string {
  const parts = objectname.split('=');
  let prefix = '';
  for (let i = 0; i < parts.length - 1; i++) {
    if (i === 0) {
      prefix = parts[1] ?? '';
      if (prefix.includes('"')) prefix = prefix.split('"')[1] ?? '';
      if (prefix.includes(',')) prefix = prefix.split(',')[0] ?? '';
    } else {
      let key = parts[i + 1] ?? '';
      if (!key) continue;
      if (key.includes('"')) key = key.split('"')[1] ?? '';
      prefix = `${prefix}.${key}`.replaceAll(',', '.');
    }
  }
  return prefix;
}

/** One attribute's value as Diamond read it: a numeric type whose text is a number; else undefined. */
export function attributeValue(type: string | undefined, value: string | undefined): number | undefined {
  if (type === undefined || !NUMERIC_TYPES.has(type) || value === undefined) return undefined;
  const integer = type === 'int' || type === 'long';
  if (integer ? !/^\s*[-+]?\d+\s*$/.test(value) : value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

// Diamond's _publish_metrics: a document's numeric leaves under dotted names.

export interface TreeOptions {
  replaceDashes: boolean;
}

/** A leaf as Diamond published it: numbers (and booleans, which Python counts as ints), 64-bit longs, dates as epoch seconds. */
export function leafValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  if (typeof value === 'object' && value !== null && (value as { _bsontype?: string })._bsontype === 'Long')
    return Number((value as { toString(): string }).toString());
  return undefined;
}

const isDocument = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && (value as { _bsontype?: string })._bsontype === undefined;

/** Every numeric leaf under `prefix`; `first` publishes the top level's leaves (the counters' rates), deeper ones are `rest`. */
export function walkTree(prefix: readonly string[], document: unknown, options: TreeOptions, first: (name: string, value: number) => void, rest = first): void {
  if (!isDocument(document)) return;
  for (const [key, value] of Object.entries(document)) {
    const keys = [...prefix, key].map((k) => {
      const spaced = k.replaceAll(' ', '_');
      return options.replaceDashes ? spaced.replaceAll('-', '.') : spaced;
    });
    if (isDocument(value)) walkTree(keys, value, options, rest, rest);
    else {
      const number = leafValue(value);
      if (number !== undefined) first(keys.join('.'), number);
    }
  }
}

/** zlib's crc32 of a name, as Diamond's sampling read it. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Dotted path in a document, 0 where anything on the way is missing (Diamond's get_dotted_value). */
export function dotted(document: unknown, path: string): number {
  let value: unknown = document;
  for (const key of path.split('.')) value = isDocument(value) ? value[key] : undefined;
  return leafValue(value) ?? 0;
}

/** One numeric leaf of a JSON document: its path (keys joined with dots) and value. */
export interface JsonLeaf {
  name: string;
  value: number;
}

export interface JsonLeavesOptions {
  /** Walk into lists too, their indexes becoming path segments (`workers.0.busy`). */
  lists?: boolean;
  /** Take whole-number text (`"42"`) as its number, as Diamond's int() test does. */
  wholeNumberText?: boolean;
  /** At most this many leaves; the rest are counted in `dropped`. */
  limit?: number;
}

const WHOLE_NUMBER = /^-?\d+$/;

/**
 * Walks a JSON document depth first and returns its numeric leaves (numbers, and booleans as 1
 * and 0), objects' keys becoming path segments (`queue_totals.messages`). Text and null are not
 * values. The limit bounds what a document that grows without end (a list per user, a queue per
 * job) can turn into.
 */
export function jsonLeaves(document: unknown, options: JsonLeavesOptions = {}): { leaves: JsonLeaf[]; dropped: number } {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const leaves: JsonLeaf[] = [];
  let dropped = 0;
  const numberOf = (node: unknown): number | undefined => {
    if (typeof node === 'number') return Number.isFinite(node) ? node : undefined;
    if (typeof node === 'boolean') return node ? 1 : 0;
    if (options.wholeNumberText && typeof node === 'string' && WHOLE_NUMBER.test(node.trim())) return Number(node);
    return undefined;
  };
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      if (options.lists) {
        node.forEach((item, index) => {
          walk(item, path === '' ? String(index) : `${path}.${index}`);
        });
      }
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) walk(child, path === '' ? key : `${path}.${key}`);
      return;
    }
    const value = numberOf(node);
    if (value === undefined || path === '') return;
    if (leaves.length < limit) leaves.push({ name: path, value });
    else dropped++;
  };
  walk(document, '');
  return { leaves, dropped };
}

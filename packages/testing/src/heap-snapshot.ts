import v8 from 'node:v8';

interface SnapshotMeta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
}

/**
 * Live objects per constructor name from a V8 heap snapshot: the view Pympler's SummaryTracker
 * gave Diamond users. Only objects, arrays and closures are counted (strings and code are not
 * "things the plugin keeps").
 */
export async function objectCounts(): Promise<Map<string, number>> {
  const chunks: string[] = [];
  for await (const chunk of v8.getHeapSnapshot()) chunks.push(String(chunk));
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: SnapshotMeta }; nodes: number[]; strings: string[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const counts = new Map<string, number>();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt] ?? 0];
    if (type !== 'object' && type !== 'array' && type !== 'closure') continue;
    const name = type === 'closure' ? `(closure) ${strings[nodes[i + nameAt] ?? 0] ?? ''}` : (strings[nodes[i + nameAt] ?? 0] ?? '?');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

export interface CountGrowth {
  name: string;
  before: number;
  after: number;
  growth: number;
}

/** Constructors whose live object count grew, largest growth first. */
export function countGrowth(before: Map<string, number>, after: Map<string, number>, top = 10): CountGrowth[] {
  return [...after]
    .map(([name, count]) => ({ name, before: before.get(name) ?? 0, after: count, growth: count - (before.get(name) ?? 0) }))
    .filter((g) => g.growth > 0)
    .sort((a, b) => b.growth - a.growth)
    .slice(0, top);
}

import { BoundedMap, type Sample } from '@spinel/sdk';
import { seriesName } from '@spinel/plugin-kit';

export type TagStyle = 'none' | 'dogstatsd';

const NAME_UNSAFE = /[:|@#\s]/g;
const TAG_UNSAFE = /[,|#\s]/g;

/**
 * StatsD lines. Gauges are `name:value|g`. StatsD counters are increments, while collectors
 * publish counters as running totals: a counter is sent as `name:delta|c`, the difference from
 * its previous total (the first total is only remembered; a total that went down starts
 * afresh). Previous totals live in a bounded, TTL-evicted map, unlike Diamond's handler, which
 * kept every counter it had ever seen.
 */
export class StatsdEncoder {
  private readonly previous: BoundedMap<string, number>;

  constructor(
    private readonly style: TagStyle,
    private readonly prefix: string,
    maxCounters: number,
    counterTtlSeconds: number,
    now: () => number,
  ) {
    this.previous = new BoundedMap({ maxEntries: maxCounters, ttlMs: counterTtlSeconds * 1000, now: () => now() * 1000 });
  }

  private nameAndTags(sample: Sample): { name: string; tags: string } {
    if (this.style === 'none') return { name: sample.path.replace(NAME_UNSAFE, '_'), tags: '' };
    const series = seriesName(sample, { hostLabel: 'host' });
    const name = `${series.measurement}.${series.field}`.replace(NAME_UNSAFE, '_');
    const tags = Object.entries(series.labels)
      .map(([k, v]) => `${k.replace(TAG_UNSAFE, '_')}:${v.replace(TAG_UNSAFE, '_')}`)
      .join(',');
    return { name, tags: tags ? `|#${tags}` : '' };
  }

  /**
   * The lines for a batch, and `commit` to call once they were delivered: counter totals are
   * remembered only then, so a batch retried after a failure sends the same increments again
   * instead of zeros.
   */
  encode(batch: readonly Sample[]): { lines: string[]; commit(): void } {
    const lines: string[] = [];
    const totals = new Map<string, number>();
    for (const sample of batch) {
      if (!Number.isFinite(sample.value)) continue;
      const { name, tags } = this.nameAndTags(sample);
      const full = this.prefix ? `${this.prefix}.${name}` : name;
      if (sample.type !== 'counter') {
        lines.push(`${full}:${sample.value}|g${tags}`);
        continue;
      }
      const key = full + tags;
      const before = totals.get(key) ?? this.previous.get(key);
      totals.set(key, sample.value);
      if (before !== undefined && sample.value >= before) lines.push(`${full}:${sample.value - before}|c${tags}`);
    }
    return {
      lines,
      commit: () => {
        for (const [key, total] of totals) this.previous.set(key, total);
      },
    };
  }

  get countersRemembered(): number {
    return this.previous.size;
  }
}

/** Lines packed into datagrams of at most `maxBytes`, never splitting a line. */
export function packets(lines: readonly string[], maxBytes: number): Buffer[] {
  const out: Buffer[] = [];
  let current = '';
  for (const line of lines) {
    if (current && Buffer.byteLength(current) + 1 + Buffer.byteLength(line) > maxBytes) {
      out.push(Buffer.from(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(Buffer.from(current));
  return out;
}

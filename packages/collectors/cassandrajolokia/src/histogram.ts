// Diamond CassandraJolokiaCollector's reading of Cassandra's (pre-3.0) latency histograms: a list
// of bucket counts whose bucket bounds grow by 1.2 each, turned into percentiles.

/** The bucket offsets: 1, then each the previous times 1.2 rounded, at least one more (Python 2 round). */
export function createOffsets(bucketCount: number): number[] {
  let last = 1;
  const offsets = [last];
  for (let i = 0; i < bucketCount; i++) {
    let next = Math.round(last * 1.2);
    if (next === last) next += 1;
    offsets.push(next);
    last = next;
  }
  return offsets;
}

/**
 * Diamond's compute_percentile, as it is: the bucket where the running count reaches the
 * percentile's share, given as half the width of that bucket (index 0 reads the last offset, as a
 * Python list's [-1] does); an empty histogram is 0.
 */
export function computePercentile(offsets: readonly number[], buckets: readonly number[], percentile: number): number | undefined {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const middle = Math.floor(total * (percentile / 100));
  let seen = 0;
  for (const [index, count] of buckets.entries()) {
    seen += count;
    if (seen >= middle) {
      const upper = offsets[index] ?? Number.NaN;
      const lower = offsets.at(index - 1) ?? Number.NaN;
      return Math.round((upper - lower) / 2);
    }
  }
  return undefined;
}

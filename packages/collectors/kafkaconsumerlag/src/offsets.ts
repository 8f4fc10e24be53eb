/** One partition's row of ConsumerOffsetChecker's table. */
export interface LagRow {
  group: string;
  topic: string;
  partition: string;
  lag: number;
}

/**
 * ConsumerOffsetChecker's output as Diamond read it: the first line is the header, each other line
 * `Group Topic Pid Offset logSize Lag Owner` separated by runs of spaces; blank lines skipped. A row
 * whose lag is not a number (`unknown` before the group commits) is returned in `unread`.
 */
export function parseOffsetChecker(text: string): { rows: LagRow[]; unread: string[] } {
  const rows: LagRow[] = [];
  const unread: string[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const fields = line.trim().split(/ +/).filter(Boolean);
    if (index === 0 || fields.length === 0) continue;
    const lag = Number(fields[5]);
    if (fields.length < 6 || fields[5] === '' || !Number.isFinite(lag)) unread.push(line.trim().slice(0, 120));
    else rows.push({ group: fields[0] ?? '', topic: fields[1] ?? '', partition: fields[2] ?? '', lag });
  }
  return { rows, unread };
}

/** Diamond's cluster name: the chroot of the joined connect string, its `/` and `-` as `_`. */
export function clusterName(zookeeper: string): string {
  return zookeeper.split('/').slice(1).join('-').replaceAll('-', '_');
}

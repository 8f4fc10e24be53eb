/** One partition's row of ConsumerGroupCommand's (or ConsumerOffsetChecker's) table. */
export interface GroupLag {
  group: string;
  topic: string;
  partition: string;
  consumerOffset: number;
  brokerOffset: number;
  lag: number;
  hasOwner: boolean;
}

/**
 * The fork's process_lag_results: lines of `GROUP, TOPIC, PARTITION, CURRENT-OFFSET, LOG-END-OFFSET,
 * LAG, OWNER` (Kafka 0.9+, `, ` between fields; 0.8's ConsumerOffsetChecker, runs of spaces), the
 * header skipped. A line without seven fields is Kafka's message (an error), returned as `problem`
 * and, as in the fork, ends the group's table.
 */
export function parseGroupLag(text: string, separator: ', ' | ' '): { rows: GroupLag[]; problem?: string } {
  const rows: GroupLag[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.slice(0, 5).toUpperCase() === 'GROUP') continue;
    const fields = line.split(separator).filter(Boolean);
    const [group = '', topic = '', partition = '', consumer, broker, lag, owner = ''] = fields;
    const numbers = [consumer, broker, lag].map(Number);
    if (fields.length !== 7 || numbers.some((n) => !Number.isFinite(n))) return { rows, problem: line.trim().slice(0, 160) };
    rows.push({
      group,
      topic,
      partition,
      consumerOffset: numbers[0] ?? 0,
      brokerOffset: numbers[1] ?? 0,
      lag: numbers[2] ?? 0,
      hasOwner: owner.toLowerCase() !== 'none',
    });
  }
  return { rows };
}

/** The figures Diamond reads for each component type; `…Count` ones are counters, published as rates. */
export const COMPONENT_FIGURES: Readonly<Record<string, readonly string[]>> = {
  CHANNEL: ['ChannelFillPercentage', 'EventPutAttemptCount', 'EventPutSuccessCount', 'EventTakeAttemptCount', 'EventTakeSuccessCount'],
  SINK: [
    'BatchCompleteCount',
    'BatchEmptyCount',
    'BatchUnderflowCount',
    'ConnectionClosedCount',
    'ConnectionCreatedCount',
    'ConnectionFailedCount',
    'EventDrainAttemptCount',
    'EventDrainSuccessCount',
  ],
  SOURCE: [
    'AppendAcceptedCount',
    'AppendBatchAcceptedCount',
    'AppendBatchReceivedCount',
    'AppendReceivedCount',
    'EventAcceptedCount',
    'EventReceivedCount',
    'OpenConnectionCount',
  ],
};

export interface FlumeFigure {
  /** `<component>.<figure>`, `Count` dropped (`SINK.sink1.BatchComplete`). */
  name: string;
  value: number;
  counter: boolean;
}

/**
 * Flume's `/metrics` document: components by name (`CHANNEL.channel1`), each with a `Type` and
 * its figures as strings. A component of another type (Flume's interceptors) is passed over; a
 * figure that is missing or not a number is left out.
 */
export function flumeFigures(document: Record<string, unknown>): FlumeFigure[] {
  const figures: FlumeFigure[] = [];
  for (const [component, items] of Object.entries(document)) {
    if (items === null || typeof items !== 'object') continue;
    const record = items as Record<string, unknown>;
    const wanted = COMPONENT_FIGURES[String(record.Type)];
    if (!wanted) continue;
    for (const item of wanted) {
      const value = Number(record[item]);
      if (record[item] === undefined || record[item] === '' || !Number.isFinite(value)) continue;
      const counter = item.endsWith('Count');
      figures.push({ name: `${component}.${counter ? item.slice(0, -5) : item}`, value, counter });
    }
  }
  return figures;
}

// What the Metricly fork's PuppetDBCollector read (PuppetDB 4 and later: `metrics/v1/mbeans`) and
// how it published each figure: the bean, the attribute, and its kind.

export type FigureKind =
  /** A level, published as it is. */
  | 'gauge'
  /** A running total, published as it is (the fork's publish_gauge of a Count). */
  | 'total'
  /** A running total published as its per-second rate (the fork's publish_counter). */
  | 'rate'
  /** A duration in the bean's DurationUnit, published in seconds (Diamond's time convertor). */
  | 'seconds';

export interface Figure {
  name: string;
  bean: string;
  attribute: string;
  kind: FigureKind;
}

const MQ = 'puppetlabs.puppetdb.mq:name=global.';
const POPULATION = 'puppetlabs.puppetdb.population:name=';
const STORAGE = 'puppetlabs.puppetdb.storage:name=';
const figure = (name: string, bean: string, attribute: string, kind: FigureKind): Figure => ({ name, bean, attribute, kind });

export const FIGURES: readonly Figure[] = [
  figure('num_resources', `${POPULATION}num-resources`, 'Value', 'gauge'),
  figure('avg_resources_per_node', `${POPULATION}avg-resources-per-node`, 'Value', 'gauge'),
  figure('catalog_duplicate_pct', `${STORAGE}duplicate-pct`, 'Value', 'gauge'),
  figure('resources_service_time', 'puppetlabs.puppetdb.http:name=/pdb/query/v4/resources.service-time', '50thPercentile', 'seconds'),
  figure('enqueueing_service_time', 'puppetlabs.puppetdb.http:name=/pdb/cmd/v1.service-time', '50thPercentile', 'seconds'),
  figure('processed', `${MQ}processed`, 'Count', 'total'),
  figure('DB_Compaction', `${STORAGE}gc-time`, '50thPercentile', 'seconds'),
  figure('resource_duplicate_pct', `${POPULATION}pct-resource-dupes`, 'Value', 'gauge'),
  figure('num_nodes', `${POPULATION}num-nodes`, 'Value', 'gauge'),
  figure('queue.AwaitingRetry', `${MQ}awaiting-retry`, 'Count', 'gauge'),
  figure('queue.CommandParseTime', `${MQ}command-parse-time`, '50thPercentile', 'seconds'),
  figure('queue.Depth', `${MQ}depth`, 'Count', 'gauge'),
  figure('queue.Discarded', `${MQ}discarded`, 'Count', 'rate'),
  figure('queue.Fatal', `${MQ}fatal`, 'Count', 'rate'),
  figure('queue.Invalidated', `${MQ}invalidated`, 'Count', 'rate'),
  figure('queue.MessagePersistenceTime', `${MQ}message-persistence-time`, '50thPercentile', 'seconds'),
  figure('queue.Processed', `${MQ}processed`, 'Count', 'rate'),
  figure('queue.ProcessingTime', `${MQ}processing-time`, '50thPercentile', 'seconds'),
  figure('queue.QueueTime', `${MQ}queue-time`, '50thPercentile', 'gauge'),
  figure('queue.Retried', `${MQ}retried`, 'Count', 'rate'),
  figure('queue.RetryCounts', `${MQ}retry-counts`, '50thPercentile', 'gauge'),
  figure('queue.Seen', `${MQ}seen`, 'Count', 'rate'),
  figure('queue.Size', `${MQ}size`, '50thPercentile', 'gauge'),
  figure('memory.NonHeapMemoryUsage.used', 'java.lang:type=Memory', 'NonHeapMemoryUsage.used', 'gauge'),
  figure('memory.NonHeapMemoryUsage.committed', 'java.lang:type=Memory', 'NonHeapMemoryUsage.committed', 'gauge'),
  figure('memory.HeapMemoryUsage.used', 'java.lang:type=Memory', 'HeapMemoryUsage.used', 'gauge'),
  figure('memory.HeapMemoryUsage.committed', 'java.lang:type=Memory', 'HeapMemoryUsage.committed', 'gauge'),
];

/** Milliseconds in each unit Diamond's time convertor knew, by every name it took. */
const MILLISECONDS = new Map<string, number>(
  (
    [
      [1e-6, ['nanosecond', 'nanoseconds', 'ns']],
      [1e-3, ['microsecond', 'microseconds', 'us']],
      [1, ['millisecond', 'milliseconds', 'ms']],
      [1000, ['second', 'seconds', 's']],
      [60_000, ['minute', 'minutes', 'm']],
      [3_600_000, ['hour', 'hours', 'h']],
      [86_400_000, ['day', 'days', 'd']],
    ] as const
  ).flatMap(([factor, names]) => names.map((name): [string, number] => [name, factor])),
);

/** Diamond's time convertor: a duration in `unit` (PuppetDB's DurationUnit; milliseconds when absent) in seconds, or undefined for a unit it did not know. */
export function toSeconds(value: number, unit: unknown): number | undefined {
  const factor = MILLISECONDS.get(typeof unit === 'string' ? unit.toLowerCase() : 'milliseconds');
  return factor === undefined ? undefined : (value * factor) / 1000;
}

/** The latest reports' resource events by status, as the fork counted them (`nodes.status.*`). */
export const EVENT_STATUSES: Readonly<Record<string, string>> = { success: 'successes', skipped: 'skips', failure: 'failures', noop: 'noops' };

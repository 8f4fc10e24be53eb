import type { MetricSpec } from './catalogue.js';
import type { CollectorDefinition } from './collector.js';
import type { Logger } from './logger.js';
import type { OptionIssue, OptionValues, OptionsSchema } from './options.js';
import type { Check, Sample } from './sample.js';

/** What a handler's `create` receives. */
export interface HandlerContext<S extends OptionsSchema> {
  readonly options: OptionValues<S>;
  readonly log: Logger;
  readonly hostname: string | undefined;
  /** The agent's clock in seconds since the epoch. */
  now(): number;
  /**
   * The catalogue entry of a sample's metric (type, unit, description), from the collector that
   * published it; undefined for metrics no catalogue declares (the agent's own, for one).
   */
  metricSpec(sample: Pick<Sample, 'collectorPath' | 'name'>): MetricSpec | undefined;
}

/** A live handler. It only ever receives whole batches. */
export interface HandlerInstance {
  process(batch: readonly Sample[]): void | Promise<void>;
  /**
   * Check-ins published with the batch's samples (`ctx.check`), for a backend that has checks.
   * A handler without it never receives them.
   */
  check?(checks: readonly Check[]): void | Promise<void>;
  /** Push out anything buffered. */
  flush?(): void | Promise<void>;
  /** Release sockets and files; called once, after a final flush. */
  close?(): void | Promise<void>;
}

/** A handler plugin. */
export interface HandlerDefinition<S extends OptionsSchema = OptionsSchema> {
  readonly kind: 'handler';
  readonly apiVersion: number;
  readonly name: string;
  readonly description: string;
  readonly options: S;
  /**
   * Rules across options that the schema cannot say (`api: v2` needs a `token`; a template must
   * parse). Run with the validated options by `spinel config check`, `spinel plugin check`, every
   * agent start and the test harnesses, before the plugin runs; each issue names its key.
   */
  readonly validate?: (options: OptionValues<S>) => readonly OptionIssue[];
  /** See {@link CollectorDefinition.privileged}. */
  readonly privileged?: string;
  /** `own` or a shared group name; light handlers share `handlers`. */
  readonly defaultWorker: string;
  create(ctx: HandlerContext<S>): HandlerInstance | Promise<HandlerInstance>;
}

export type PluginDefinition = CollectorDefinition | HandlerDefinition;

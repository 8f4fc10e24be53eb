import type { Catalogue, MetricType } from './catalogue.js';
import type { DerivativeOptions } from './derivative.js';
import type { Logger } from './logger.js';
import type { OptionIssue, OptionValues, OptionsSchema } from './options.js';
import type { Dimensions } from './sample.js';

export interface PublishOptions {
  /** Default `gauge`. */
  type?: MetricType;
  /** Decimal places in text encodings; Diamond's default is 0. */
  precision?: number;
  /** Publish under Diamond's instance path `<instance_prefix>.<instance>.<path>.<name>`. */
  instance?: string;
  dimensions?: Dimensions;
}

/** Where a collector finds host files; honours HOST_PROC, HOST_SYS and HOST_ETC. */
export interface HostPaths {
  /** `procfs('net', 'dev')` is `/proc/net/dev`, or `$HOST_PROC/net/dev`. */
  procfs(...segments: string[]): string;
  sysfs(...segments: string[]): string;
  etcfs(...segments: string[]): string;
}

/**
 * A mounted filesystem as stat(2) and statvfs(3) see it. Block counts are in `frsize` units
 * (`bsize` is the preferred I/O size; the two are equal on most Linux filesystems).
 */
export interface FilesystemStats {
  /** The device id (`st_dev`): two mount points with the same one are the same filesystem. */
  dev: number;
  bsize: number;
  frsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  favail: number;
}

/** What a collector's `setup` receives. */
export interface SetupContext<S extends OptionsSchema> extends HostPaths {
  readonly options: OptionValues<S>;
  readonly log: Logger;
  readonly hostname: string | undefined;
  /** Configured interval in seconds. */
  readonly interval: number;
  /** The entry's path segment (Diamond's `path`), for the few collectors whose names repeat it. */
  readonly collectorPath: string;
}

/** What `collect` receives on every run. */
export interface CollectContext<S extends OptionsSchema> extends SetupContext<S> {
  /** Publishes a value under the collector's path. `name` is Diamond's short name. */
  publish(name: string, value: number, options?: PublishOptions): void;
  /**
   * Diamond's derivative: the per-second rate since the previous value stored under `key`
   * (divided by the real time since that value was read, which is the interval on a run that is
   * on time), wrapping at 2^64-1 or `max`, negatives clamped to 0. Returns `undefined` on the
   * first sight of a key. Previous values live in bounded state owned by the runtime, kept for
   * `series_state_ttl` (an hour by default) without a new reading.
   */
  derivative(key: string, value: number, options?: DerivativeOptions): number | undefined;
  /**
   * Diamond's publish_counter: publishes the per-second rate of a counter under `name` (its
   * derivative, keyed by `name`), as type `rate` with 2 decimal places unless `precision` says
   * otherwise; nothing on the first sight of a name.
   */
  publishRate(name: string, counter: number, options?: Omit<PublishOptions, 'type' | 'instance'> & { derivative?: DerivativeOptions }): void;
  /**
   * A check-in (the Metricly fork's `netuitive.Check`): tells backends that take checks that
   * `name` is alive on this host, and to alarm when no check-in of it arrives within `ttlSeconds`.
   * Handlers without checks never see it; metric filters do not apply to it.
   */
  check(name: string, ttlSeconds: number): void;
  /**
   * stat(2) and statfs(2) of a path (a mount point), or undefined when it cannot be read. A host
   * call rather than `node:fs` so that tests can give a collector the filesystems they describe.
   */
  statfs(path: string): Promise<FilesystemStats | undefined>;
  /** The run's clock in seconds since the epoch. Collectors never read the wall clock directly. */
  now(): number;
  /** Aborted when the run passes its deadline. */
  readonly signal: AbortSignal;
}

/** A check-in a collector makes: its name (`{x}` for a part from config) and when it is made. */
export interface CheckSpec {
  readonly name: string;
  readonly description: string;
}

/** A collector plugin: declared once, its docs and contract tests derive from this. */
export interface CollectorDefinition<S extends OptionsSchema = OptionsSchema, R = unknown> {
  readonly kind: 'collector';
  readonly apiVersion: number;
  /** Package-independent name, e.g. `cpu`. */
  readonly name: string;
  readonly description: string;
  /** Diamond's default collector path, e.g. `cpu`, `memory`, `loadavg`. */
  readonly path: string;
  readonly options: S;
  /**
   * Rules across options that the schema cannot say (`api: v2` needs a `token`; a template must
   * parse). Run with the validated options by `spinel config check`, `spinel plugin check`, every
   * agent start and the test harnesses, before the plugin runs; each issue names its key.
   */
  readonly validate?: (options: OptionValues<S>) => readonly OptionIssue[];
  /**
   * What the plugin does beyond reading metrics that an operator must grant on the host itself:
   * `runs programs named by its options`, `writes files at a path its options name`. A remote
   * config (OpAMP) may add or change an entry of a privileged plugin only where the local config
   * sets `agent.opamp.allow_privileged`. Undefined: reads metrics only.
   */
  readonly privileged?: string;
  readonly catalogue: Catalogue;
  /** The check-ins it makes with `ctx.check` (name pattern, when), for its docs; none by default. */
  readonly checks?: readonly CheckSpec[];
  /**
   * The worker a config entry uses unless it says otherwise: `own` (an isolated worker) or the
   * name of a shared group. Small procfs collectors share `system` to keep the agent small.
   */
  readonly defaultWorker: string;
  setup?(ctx: SetupContext<S>): R | Promise<R>;
  collect(ctx: CollectContext<S>, resources: R): void | Promise<void>;
  teardown?(resources: R): void | Promise<void>;
}

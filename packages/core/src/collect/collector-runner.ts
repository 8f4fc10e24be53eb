import {
  buildMetricPath,
  createMetricFilter,
  escapeName,
  normalizeDimensions,
  normalizePathName,
  type CollectContext,
  type CollectorDefinition,
  type DerivativeOptions,
  type FilesystemStats,
  type HostPaths,
  type Logger,
  type OptionsSchema,
  type OptionValues,
  type PublishOptions,
  type SetupContext,
} from '@spinel/sdk';
import type { SampleInput } from '../channel/encoded-batch.js';
import type { CollectorSettings, RunResult } from '../channel/run.js';
import { withRunDeadline } from './run-deadline.js';
import { SeriesState } from './series-state.js';
import { statfsOf } from './statfs.js';
import { UndeclaredNames } from './undeclared-names.js';
import { ShortTtlWarning } from './short-ttl.js';
import { RefusedLog } from './refused-log.js';

export { describeFailure, type CollectorSettings, type RunFailure, type RunResult } from '../channel/run.js';

/** Published by the agent for every collector (`measure_collector_time`), not declared by each. */
const COLLECTOR_TIME = 'collector_time_ms';

export interface RunnerDeps {
  /** Seconds since the epoch. */
  clock: () => number;
  hostPaths: HostPaths;
  log: Logger;
  /** The collectors' `ctx.statfs`; default the host's (tests give a table of filesystems). */
  statfs?: (path: string) => Promise<FilesystemStats | undefined>;
}

/**
 * Runs one collector instance in the current thread: builds its contexts, owns its bounded
 * derivative state, applies path building and Diamond's filters. Worker threads, the
 * `spinel collect` command and `@spinel/testing` all run collectors through this class.
 */
export class CollectorRunner<S extends OptionsSchema = OptionsSchema> {
  private resources: unknown;
  private setUp = false;
  private readonly refusals: RefusedLog;
  private readonly previous: SeriesState;
  private readonly accept: (name: string) => boolean;
  private readonly setupContext: SetupContext<S>;
  private readonly undeclared: UndeclaredNames;
  private readonly shortTtl: ShortTtlWarning;
  /** `<prefix>.<host>[.<suffix>].<path>.`: built once, every sample path is this plus its name. */
  readonly pathPrefix: string;

  constructor(
    readonly definition: CollectorDefinition<S, unknown>,
    readonly options: OptionValues<S>,
    readonly settings: CollectorSettings,
    private readonly deps: RunnerDeps,
  ) {
    // Long enough to bridge a suspended VM; a removed container's or NIC's series go after it.
    this.previous = new SeriesState(
      { maxEntries: settings.maxSeriesState, ttlSeconds: Math.max(settings.seriesStateTtl, 3 * settings.interval, 1) },
      settings.interval,
      deps.clock,
    );
    this.accept = createMetricFilter(settings.metricsWhitelist, settings.metricsBlacklist);
    this.undeclared = new UndeclaredNames(definition.catalogue, settings.key, deps.log);
    this.shortTtl = new ShortTtlWarning(settings.interval, deps.log);
    this.refusals = new RefusedLog(deps.log);
    this.pathPrefix = this.fullPath('', undefined);
    this.setupContext = {
      ...deps.hostPaths,
      options,
      log: deps.log,
      hostname: settings.hostname,
      interval: settings.interval,
      collectorPath: settings.collectorPath,
    };
  }

  /** What the collector's `setup` returned (tests, debugging). */
  get setupResources(): unknown {
    return this.resources;
  }

  /** Number of series whose previous value is held; bounded by `maxSeriesState`. */
  get stateSize(): number {
    return this.previous.size;
  }

  async setup(): Promise<void> {
    this.resources = this.definition.setup ? await this.definition.setup(this.setupContext) : undefined;
    this.setUp = true;
  }

  /** Tears down what setup made; a setup that failed (or never ran) made nothing to tear down. */
  async teardown(): Promise<void> {
    if (this.setUp || !this.definition.setup) await this.definition.teardown?.(this.resources);
    this.setUp = false;
    this.resources = undefined;
    this.previous.clear();
  }

  /** Runs `collect` once, handing every accepted sample to `emit`. Never throws. */
  async run(emit: (sample: SampleInput) => void): Promise<RunResult> {
    const started = performance.now();
    const controller = new AbortController();
    const timeoutMs = Math.max(1, this.settings.timeout * 1000);
    let open = true;
    let samples = 0;
    let rejected = 0;
    const startedAt = this.deps.clock();
    this.previous.startRun(startedAt);
    const timestamp = Math.floor(startedAt);

    const publish = (rawName: string, value: number, options: PublishOptions = {}): void => {
      if (!open) return;
      const name = typeof rawName === 'string' ? normalizePathName(rawName) : undefined;
      const instance = options.instance === undefined ? undefined : normalizePathName(options.instance);
      const dimensions = normalizeDimensions(options.dimensions);
      if (name === undefined || (options.instance !== undefined && instance === undefined) || dimensions === null) {
        rejected++;
        this.refusals.refused(rawName, options);
        return;
      }
      if (!this.accept(name)) return;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        rejected++;
        return;
      }
      if (name !== COLLECTOR_TIME) this.undeclared.check(name);
      samples++;
      emit({
        path: instance === undefined ? this.pathPrefix + name : this.fullPath(name, instance),
        name,
        instance,
        value,
        timestamp,
        type: options.type ?? 'gauge',
        precision: options.precision ?? 0,
        dimensions,
      });
    };

    const check = (rawName: string, ttl: number): void => {
      if (!open) return;
      const name = typeof rawName === 'string' ? normalizePathName(rawName) : undefined;
      const badTtl = typeof ttl !== 'number' || !(ttl > 0) || !Number.isFinite(ttl);
      if (name === undefined || badTtl) {
        rejected++;
        this.refusals.refused(
          rawName,
          {},
          badTtl ? `check ${escapeName(String(rawName))} has ttl ${escapeName(String(ttl))}, not a positive number of seconds` : undefined,
        );
        return;
      }
      this.shortTtl.see(name, ttl);
      emit({ path: this.pathPrefix + name, name, value: ttl, timestamp, type: 'check', precision: 0, dimensions: undefined });
    };
    const ctx: CollectContext<S> = {
      ...this.setupContext,
      publish,
      check,
      derivative: (key: string, value: number, options: DerivativeOptions = {}) => this.previous.derivative(key, value, options),
      publishRate: (name, counter, { derivative, precision = 2, dimensions } = {}) => {
        const rate = this.previous.derivative(name, counter, derivative ?? {});
        if (rate !== undefined) publish(name, rate, { type: 'rate', precision, dimensions });
      },
      statfs: this.deps.statfs ?? statfsOf,
      now: this.deps.clock,
      signal: controller.signal,
    };

    const reason = `collector ${this.settings.key} passed its ${this.settings.timeout}s deadline`;
    const ran = await withRunDeadline(() => this.definition.collect(ctx, this.resources), timeoutMs, controller, reason);
    open = false;
    let { error } = ran;
    const { timedOut } = ran;
    const durationMs = performance.now() - started;
    if (this.settings.measureCollectorTime && !error && !timedOut) {
      open = true;
      publish(COLLECTOR_TIME, durationMs, { precision: 3 });
      open = false;
    }
    if (timedOut && !error) error = { name: 'TimeoutError', message: `passed its ${this.settings.timeout}s deadline`, code: 'SPINEL_COLLECT_TIMEOUT' };
    return { samples, durationMs, timedOut, error, rejected };
  }

  private fullPath(name: string, instance: string | undefined): string {
    return buildMetricPath({
      pathPrefix: this.settings.pathPrefix,
      hostname: this.settings.hostname,
      pathSuffix: this.settings.pathSuffix,
      path: this.settings.collectorPath,
      name,
      instance,
      instancePrefix: this.settings.instancePrefix,
    });
  }
}

import { CollectorRunner, createHostPaths, hostRootsFromEnv, statfsOf, type CollectorSettings, type RunResult, type SampleInput } from '@spinel/core';
import { SpinelError, validatePluginOptions, type CollectorDefinition, type FilesystemStats, type OptionsSchema } from '@spinel/sdk';
import { captureLogger, type CapturedLog } from './capture-logger.js';
import { FakeRoots, type FakeTree } from './fake-fs.js';

/** The host name every harness publishes under: `servers.testhost.<collector>.<name>`. */
export const TEST_HOST = 'testhost';

export interface CollectorHarnessOptions {
  /** Raw options, as a config file would give them (validated like the agent does). */
  options?: Record<string, unknown>;
  /** Overrides of path, hostname, interval, filters... Defaults: host `testhost`, interval 10. */
  settings?: Partial<CollectorSettings>;
  /** Use the real host files instead of fakes (live cross-checks). */
  live?: boolean;
  /** The collector's clock; default each step's `time`. Live tests that time real work pass a real one. */
  clock?: () => number;
}

export interface StepInput {
  /** The fake clock for this step, in seconds. */
  time: number;
  proc?: FakeTree;
  sys?: FakeTree;
  etc?: FakeTree;
  /**
   * What `ctx.statfs` answers in this step, by path; `*` answers any path not listed (as a mocked
   * `os.statvfs` does), a path with no answer is not mounted. Without it, the host's statfs.
   */
  statfs?: Readonly<Record<string, FilesystemStats>>;
}

export interface StepResult {
  /** The metrics published, in order (check-ins are in `checks`). */
  samples: SampleInput[];
  /** Check-ins (`ctx.check`): name to ttl in seconds. */
  checks: Map<string, number>;
  result: RunResult;
  /** Short name to value, for easy assertions. */
  values: Map<string, number>;
  logs: CapturedLog[];
}

/**
 * One collector instance under test: each `step` runs `collect` once against that step's fake
 * procfs and clock, keeping state (previous counters) between steps, as the agent would.
 */
export class CollectorHarness<S extends OptionsSchema> {
  private readonly roots = new FakeRoots();
  private clockValue = 0;
  private statfsTable: StepInput['statfs'];
  private runner: CollectorRunner<S> | undefined;
  private hostRoots = hostRootsFromEnv();
  private readonly log = captureLogger();
  readonly settings: CollectorSettings;

  constructor(
    readonly definition: CollectorDefinition<S, unknown>,
    private readonly harnessOptions: CollectorHarnessOptions = {},
  ) {
    this.settings = {
      key: definition.name,
      collectorPath: definition.path,
      pathPrefix: 'servers',
      pathSuffix: '',
      hostname: TEST_HOST,
      instancePrefix: 'instances',
      interval: 10,
      timeout: 10,
      metricsWhitelist: [],
      metricsBlacklist: [],
      measureCollectorTime: false,
      maxSeriesState: 100_000,
      seriesStateTtl: 3600,
      ...harnessOptions.settings,
    };
  }

  private async ensureRunner(): Promise<CollectorRunner<S>> {
    if (this.runner) return this.runner;
    const { value, issues } = validatePluginOptions(this.definition, this.harnessOptions.options ?? {});
    if (issues.length > 0) {
      throw new SpinelError(
        'SPINEL_OPTION_INVALID',
        issues.map((i) => `${this.definition.name}: ${i.key}: expected ${i.expected}, found ${i.found}`).join('\n'),
      );
    }
    const roots = (): typeof this.hostRoots => this.hostRoots;
    const hostPaths = {
      procfs: (...s: string[]) => createHostPaths(roots()).procfs(...s),
      sysfs: (...s: string[]) => createHostPaths(roots()).sysfs(...s),
      etcfs: (...s: string[]) => createHostPaths(roots()).etcfs(...s),
    };
    const clock = this.harnessOptions.clock ?? (() => this.clockValue);
    const statfs = async (path: string): Promise<FilesystemStats | undefined> =>
      this.statfsTable ? (this.statfsTable[path] ?? this.statfsTable['*']) : statfsOf(path);
    this.runner = new CollectorRunner(this.definition, value, this.settings, { clock, hostPaths, log: this.log, statfs });
    await this.runner.setup();
    return this.runner;
  }

  /** What the collector's `setup` returned (its clients and per-container state), for assertions. */
  get resources(): unknown {
    return this.runner?.setupResources;
  }

  /** Number of series whose previous value the runner holds (for bounded-state assertions). */
  get stateSize(): number {
    return this.runner?.stateSize ?? 0;
  }

  /** Sets the collector up now rather than at the first step: a listener must be up before a test sends to it. */
  async start(): Promise<void> {
    await this.ensureRunner();
  }

  async step(input: StepInput): Promise<StepResult> {
    this.clockValue = input.time;
    this.statfsTable = input.statfs;
    if (!this.harnessOptions.live) {
      this.hostRoots = { proc: this.roots.materialise(input.proc), sys: this.roots.materialise(input.sys), etc: this.roots.materialise(input.etc) };
    }
    const runner = await this.ensureRunner();
    const samples: SampleInput[] = [];
    const checks = new Map<string, number>();
    const logStart = this.log.lines.length;
    const result = await runner.run((s) => (s.type === 'check' ? checks.set(s.name, s.value) : samples.push(s)));
    return { samples, checks, result, values: new Map(samples.map((s) => [s.name, s.value])), logs: this.log.lines.slice(logStart) };
  }

  async close(): Promise<void> {
    await this.runner?.teardown();
    this.roots.dispose();
  }
}

/** Runs a collector once against a fake procfs and returns what it published. */
export async function collectOnce<S extends OptionsSchema>(
  definition: CollectorDefinition<S, unknown>,
  input: Omit<StepInput, 'time'> & { time?: number },
  options: CollectorHarnessOptions = {},
): Promise<StepResult> {
  const harness = new CollectorHarness(definition, options);
  try {
    return await harness.step({ time: 0, ...input });
  } finally {
    await harness.close();
  }
}

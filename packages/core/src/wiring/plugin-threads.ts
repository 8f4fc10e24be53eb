// The agent's plugin threads and what links them: each collector worker publishes into the
// fan-out, each handler has its queue there, each collector entry has its place on the schedule.
// The agent builds them from its config at start; a reload rebuilds what changed (reload.ts).
import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { LoadReport } from '../channel/messages.js';
import type { CollectorSettings } from '../channel/run.js';
import { CollectorGroup } from '../collect/collector-group.js';
import type { CollectorCommon, EffectiveConfig, HandlerCommon, PluginEntry } from '../config/resolve.js';
import { groupByWorker } from '../config/worker-groups.js';
import { HandlerQueue } from '../deliver/handler-queue.js';
import { queuePolicy } from '../deliver/queue-policy.js';
import { HandlerGroup } from '../handle/handler-group.js';
import type { StatusBoard } from '../status/board.js';
import type { RateLimitedLog } from '../support/logger.js';
import type { AgentDeps } from './agent-deps.js';
import { scheduleCollector } from './schedule-collector.js';
import { collectorSpecs, handlerSpecs, threadOptions } from './thread-specs.js';

const COLLECTOR_ENTRY = new URL('../collect/collector-thread.js', import.meta.url);
const HANDLER_ENTRY = new URL('../handle/handler-thread.js', import.meta.url);

/** What the threads report to beside the sample path: the log, the status board, the memory guards. */
export interface ThreadWatchers {
  errors: RateLimitedLog;
  board: StatusBoard;
  /** A worker took work: the growth watch looks while it has some. */
  onBusy: () => void;
  /** A collector run finished: the process-wide bounds are checked. */
  afterRun: () => void;
}

export class PluginThreads {
  readonly collectorGroups: CollectorGroup[] = [];
  readonly handlerGroups: HandlerGroup[] = [];

  constructor(
    private readonly deps: AgentDeps,
    private readonly watchers: ThreadWatchers,
    private readonly onConfig: (next: EffectiveConfig) => void,
  ) {}

  get config(): EffectiveConfig {
    return this.deps.config;
  }

  get scheduler(): AgentDeps['scheduler'] {
    return this.deps.scheduler;
  }

  get fanOut(): AgentDeps['fanOut'] {
    return this.deps.fanOut;
  }

  get telemetry(): AgentDeps['telemetry'] {
    return this.deps.telemetry;
  }

  get board(): StatusBoard {
    return this.watchers.board;
  }

  /** The config a reload applies, from now on what new threads are built from. */
  setConfig(next: EffectiveConfig): void {
    this.deps.config = next;
    this.onConfig(next);
  }

  /** Handlers first, so nothing collected is lost; then collectors, and once all are up, their schedule. */
  async startAll(): Promise<void> {
    const { config } = this.deps;
    for (const [name, entries] of groupByWorker(config.handlers)) this.startHandlerGroup(name, entries);
    for (const [name, entries] of groupByWorker(config.collectors)) this.startCollectorGroup(name, entries);
    await Promise.all([...this.handlerGroups, ...this.collectorGroups].map((group) => group.started()));
    for (const entry of config.collectors) {
      const group = this.collectorGroups.find((g) => g.specs.some((s) => s.key === entry.key));
      const spec = group?.specs.find((s) => s.key === entry.key);
      if (group && spec) this.schedule(group, spec.settings, entry.common.splay);
    }
  }

  collectorSpecs(entries: ReadonlyArray<PluginEntry<CollectorCommon>>): ReturnType<typeof collectorSpecs> {
    return collectorSpecs(this.deps, entries);
  }

  handlerSpecs(entries: ReadonlyArray<PluginEntry<HandlerCommon>>): ReturnType<typeof handlerSpecs> {
    return handlerSpecs(this.deps.config, entries);
  }

  startHandlerGroup(name: string, entries: Array<PluginEntry<HandlerCommon>>): HandlerGroup {
    const group: HandlerGroup = new HandlerGroup(
      threadOptions(this.threadContext, name, HANDLER_ENTRY, entries),
      this.handlerSpecs(entries),
      { loaded: (reports) => this.reportLoad('handler', reports), ready: () => this.deps.fanOut.resume(group.specs.map((s) => s.key)) },
      new Map(entries.map((e) => [e.key, e.common.process_timeout * 1000])),
    );
    for (const entry of entries) this.attachQueue(entry, group);
    this.handlerGroups.push(group);
    void group.start();
    return group;
  }

  /** The handler's queue on the fan-out; it replays what its spool holds first. */
  attachQueue(entry: PluginEntry<HandlerCommon>, group: HandlerGroup): void {
    const queue = new HandlerQueue(entry.key, group, queuePolicy(entry), this.deps.telemetry.handler(entry.key), this.watchers.errors, this.watchers.board);
    const backlog = queue.spoolBacklog;
    if (backlog) this.deps.log.info(`handler ${entry.key}: replaying ${backlog.samples} spooled samples from ${backlog.dir}`);
    this.deps.fanOut.attach(queue);
  }

  startCollectorGroup(name: string, entries: Array<PluginEntry<CollectorCommon>>): CollectorGroup {
    const { fanOut } = this.deps;
    const events = {
      samples: (batch: EncodedBatch) => fanOut.publish(batch),
      loaded: (reports: LoadReport[]) => this.reportLoad('collector', reports),
    };
    const group = new CollectorGroup(threadOptions(this.threadContext, name, COLLECTOR_ENTRY, entries), this.collectorSpecs(entries), events);
    this.collectorGroups.push(group);
    void group.start();
    return group;
  }

  schedule(group: CollectorGroup, settings: CollectorSettings, splay: number): void {
    const { errors, board, afterRun } = this.watchers;
    scheduleCollector({ scheduler: this.deps.scheduler, telemetry: this.deps.telemetry, errors, board, afterRun }, group, settings, splay);
  }

  private get threadContext(): AgentDeps & { onBusy: () => void } {
    return { ...this.deps, onBusy: this.watchers.onBusy };
  }

  private reportLoad(kind: string, reports: LoadReport[]): void {
    for (const report of reports) {
      if (report.error)
        this.watchers.errors.error(`load:${report.key}`, `${kind} ${report.key} failed to load: ${report.error.message}`, { stack: report.error.stack });
    }
  }
}

// The path a sample takes, and the file of each stage:
//
//   schedule/scheduler.ts        fixed-rate ticks; entries due together share one
//        |  CollectRequest        (one message per thread per tick; channel/messages.ts)
//   collect/collector-group.ts   main-thread side of one collector thread (a group of entries)
//   collect/collector-thread.ts  the thread: collect/collector-runner.ts runs the plugin, checks
//        |                       names, derivatives, filters; channel/encoded-batch.ts encodes
//        |  finished runs          (results with their EncodedBatch, transferred buffers)
//   route/fan-out.ts             every batch to every handler's queue
//   deliver/handler-queue.ts     per handler: memory-buffer -> (spool-guard/disk-buffer) ->
//        |                       batcher -> retry; one delivery out at a time
//        |  EncodedBatch[]        (MessageChannel; acks come back the same way)
//   handle/handler-group.ts      main-thread side of one handler thread
//   handle/handler-thread.ts     the thread: decodes, calls the handler's process()
//
// Beside the path: threads/ (supervision, heap and memory bounds, load retry), telemetry/
// (counters, heap watch, publishing into the fan-out), config/ and plugins/ (loading and
// validation). This file only wires the stages and keeps start/stop order.
import type { Logger } from '@spinel/sdk';
import { CollectorGroup } from './collect/collector-group.js';
import type { LoadReport } from './channel/messages.js';
import type { EncodedBatch } from './channel/encoded-batch.js';
import { applyReload, type ReloadParts } from './wiring/reload.js';
import { scheduleCollector } from './wiring/schedule-collector.js';
import { collectorSpecs, handlerSpecs, threadOptions } from './wiring/thread-specs.js';
import type { CollectorSettings } from './channel/run.js';
import type { CollectorCommon, EffectiveConfig, HandlerCommon, PluginEntry } from './config/resolve.js';
import { groupByWorker } from './config/worker-groups.js';
import { HandlerQueue } from './deliver/handler-queue.js';
import { queuePolicy } from './deliver/queue-policy.js';
import { HandlerGroup } from './handle/handler-group.js';
import type { FanOut } from './route/fan-out.js';
import type { Scheduler } from './schedule/scheduler.js';
import type { HostRoots } from './support/host-paths.js';
import { RateLimitedLog } from './support/logger.js';
import { StatusBoard } from './status/board.js';
import { createStatusService, type StatusService } from './status/service.js';
import type { AgentAbout } from './status/snapshot.js';
import { TelemetryPublisher } from './telemetry/publisher.js';
import type { Telemetry } from './telemetry/stats.js';
import { ProcessBounds } from './threads/process-bounds.js';
import { reportGuardedErrorsTo } from './support/guard.js';

export interface AgentDeps {
  /** Replaced by a reload. */
  config: EffectiveConfig;
  log: Logger;
  telemetry: Telemetry;
  fanOut: FanOut;
  scheduler: Scheduler;
  hostRoots: HostRoots;
  hostname: string | undefined;
  /** The config's secret values, scrubbed from every plugin thread's log lines. */
  secrets: readonly string[];
  /** Version and config identity for the status page. */
  about?: AgentAbout | undefined;
}

const COLLECTOR_ENTRY = new URL('./collect/collector-thread.js', import.meta.url);
const HANDLER_ENTRY = new URL('./handle/handler-thread.js', import.meta.url);

/** The running agent: handler threads, collector threads, the schedule and self-telemetry. */
export class Agent {
  private readonly collectorGroups: CollectorGroup[] = [];
  private readonly handlerGroups: HandlerGroup[] = [];
  private readonly errors: RateLimitedLog;
  private readonly bounds: ProcessBounds;
  private readonly telemetryPublisher: TelemetryPublisher;
  private stopping: Promise<boolean> | undefined;
  /** Each plugin's last run or write and last error, for the status page. */
  readonly board = new StatusBoard();
  /** The status server and the page's histories; undefined with agent.status.enabled false. */
  readonly status: StatusService | undefined;

  constructor(private readonly deps: AgentDeps) {
    this.errors = new RateLimitedLog(deps.log);
    this.errors.observer = this.board;
    reportGuardedErrorsTo(this.errors);
    this.status = createStatusService({ ...deps, board: this.board, threads: () => this.groups });
    this.bounds = new ProcessBounds(deps.config.agent.max_rss_mb, () => [...this.collectorGroups, ...this.handlerGroups], deps.log);
    this.telemetryPublisher = new TelemetryPublisher(deps.telemetry, deps.config.agent, deps.hostname, deps.log, (batch) => deps.fanOut.publish(batch));
  }

  /** Starts handlers first (so nothing collected is lost), then collectors and their schedule. */
  async start(): Promise<void> {
    const { config, scheduler, log } = this.deps;
    for (const [group, entries] of groupByWorker(config.handlers)) this.startHandlerGroup(group, entries);
    for (const [group, entries] of groupByWorker(config.collectors)) this.startCollectorGroup(group, entries);
    await Promise.all([...this.handlerGroups, ...this.collectorGroups].map((group) => group.started()));
    this.bounds.started();
    for (const entry of config.collectors) {
      const group = this.collectorGroups.find((g) => g.specs.some((s) => s.key === entry.key));
      const spec = group?.specs.find((s) => s.key === entry.key);
      if (group && spec) this.schedule(group, spec.settings, entry.common.splay);
    }
    if (config.agent.telemetry) {
      const intervalMs = config.agent.telemetry_interval * 1000;
      scheduler.add({
        name: 'spinel:telemetry',
        intervalMs,
        offsetMs: intervalMs,
        run: () => {
          this.bounds.check();
          return this.telemetryPublisher.tick(this.groups);
        },
        onSkip: () => undefined,
      });
    }
    await this.status?.start();
    const keys = (entries: ReadonlyArray<{ key: string }>): string => entries.map((e) => e.key).join(',');
    const workers = { collector_workers: this.collectorGroups.length, handler_workers: this.handlerGroups.length };
    log.info('agent started', { collectors: keys(config.collectors), handlers: keys(config.handlers), ...workers, hostname: this.deps.hostname });
  }

  private reportLoad(kind: string, reports: LoadReport[]): void {
    for (const report of reports) {
      if (report.error) this.errors.error(`load:${report.key}`, `${kind} ${report.key} failed to load: ${report.error.message}`, { stack: report.error.stack });
    }
  }

  private get threadContext(): AgentDeps & { onBusy: () => void } {
    return { ...this.deps, onBusy: () => this.bounds.growth.wake() };
  }

  private startHandlerGroup(name: string, entries: Array<PluginEntry<HandlerCommon>>): HandlerGroup {
    const group: HandlerGroup = new HandlerGroup(
      threadOptions(this.threadContext, name, HANDLER_ENTRY, entries),
      handlerSpecs(this.deps.config, entries),
      { loaded: (reports) => this.reportLoad('handler', reports), ready: () => this.deps.fanOut.resume(group.specs.map((s) => s.key)) },
      new Map(entries.map((e) => [e.key, e.common.process_timeout * 1000])),
    );
    for (const entry of entries) this.attachQueue(entry, group);
    this.handlerGroups.push(group);
    void group.start();
    return group;
  }

  private attachQueue(entry: PluginEntry<HandlerCommon>, group: HandlerGroup): void {
    const queue = new HandlerQueue(entry.key, group, queuePolicy(entry), this.deps.telemetry.handler(entry.key), this.errors, this.board);
    const backlog = queue.spoolBacklog;
    if (backlog) this.deps.log.info(`handler ${entry.key}: replaying ${backlog.samples} spooled samples from ${backlog.dir}`);
    this.deps.fanOut.attach(queue);
  }

  private startCollectorGroup(name: string, entries: Array<PluginEntry<CollectorCommon>>): CollectorGroup {
    const { fanOut } = this.deps;
    const events = { samples: (batch: EncodedBatch) => fanOut.publish(batch), loaded: (reports: LoadReport[]) => this.reportLoad('collector', reports) };
    const group = new CollectorGroup(threadOptions(this.threadContext, name, COLLECTOR_ENTRY, entries), collectorSpecs(this.deps, entries), events);
    this.collectorGroups.push(group);
    void group.start();
    return group;
  }

  /** Re-reads nothing itself: applies an already validated config; see {@link applyReload}. */
  reload(next: EffectiveConfig): Promise<string> {
    const parts: ReloadParts = {
      ...this.deps,
      config: this.deps.config,
      setConfig: (config) => {
        this.deps.config = config;
        this.status?.setConfig(config);
      },
      collectorGroups: this.collectorGroups,
      handlerGroups: this.handlerGroups,
      collectorSpecs: (e) => collectorSpecs(this.deps, e),
      handlerSpecs: (e) => handlerSpecs(this.deps.config, e),
      startCollectorGroup: (n, e) => this.startCollectorGroup(n, e),
      startHandlerGroup: (n, e) => this.startHandlerGroup(n, e),
      attachQueue: (e, g) => this.attachQueue(e, g),
      schedule: (g, s, splay) => this.schedule(g, s, splay),
      board: this.board,
    };
    return applyReload(parts, next);
  }

  private schedule(group: CollectorGroup, settings: CollectorSettings, splay: number): void {
    scheduleCollector({ ...this.deps, errors: this.errors, board: this.board, afterRun: () => this.bounds.check() }, group, settings, splay);
  }

  /**
   * Stops scheduling, lets runs in flight finish briefly, hands every queued batch to its
   * handler, flushes and closes handlers, then ends all threads, within `deadlineMs`.
   * Resolves true when everything queued was delivered.
   */
  stop(deadlineMs = this.deps.config.agent.shutdown_timeout * 1000): Promise<boolean> {
    this.stopping ??= this.shutdown(deadlineMs);
    return this.stopping;
  }

  private async shutdown(deadlineMs: number): Promise<boolean> {
    const deadline = performance.now() + deadlineMs;
    const left = (): number => Math.max(100, deadline - performance.now());
    await this.status?.stop();
    await this.deps.scheduler.stop(Math.min(2_000, left() / 4));
    await Promise.all(this.collectorGroups.map((group) => group.stopAll(Math.min(2_000, left() / 4))));
    if (this.deps.config.agent.telemetry) await this.telemetryPublisher.tick(this.groups, true);
    const drained = await this.deps.fanOut.drain(left() * 0.6);
    const leftOver = this.deps.fanOut.stop();
    await Promise.all(this.handlerGroups.map((group) => group.closeAll(left())));
    this.deps.log.info('agent stopped', { drained, spooled: leftOver.spooled || undefined, dropped: leftOver.dropped || undefined });
    return drained;
  }

  /** Live thread groups, for tests and the CLI's status output. */
  get groups(): { collectors: readonly CollectorGroup[]; handlers: readonly HandlerGroup[] } {
    return { collectors: this.collectorGroups, handlers: this.handlerGroups };
  }
}

// The path a sample takes, and the file of each stage:
//
//   schedule/scheduler.ts        fixed-rate ticks; entries due together share one
//        |  CollectRequest        (one message per thread per tick; channel/messages.ts)
//   collect/collector-group.ts   main-thread side of one collector thread (a group of entries)
//   collect/collector-thread.ts  the thread: collect/collector-runner.ts runs the plugin, checks
//        |                       names, derivatives, filters; channel/encoded-batch.ts encodes
//        |  finished runs          (results with their EncodedBatch, transferred buffers)
//   route/fan-out.ts             every batch to every handler's queue
//   deliver/handler-queue.ts     per handler, a chain: memory-stage (buffer, batcher) ->
//        |                       spool-stage (with spool_dir) -> retry -> target-stage
//        |  EncodedBatch[]        (MessageChannel; acks come back the same way)
//   handle/handler-group.ts      main-thread side of one handler thread
//   handle/handler-thread.ts     the thread: decodes, calls the handler's process()
//
// Beside the path: threads/ (supervision, heap and memory bounds, load retry), telemetry/
// (counters, heap watch, publishing into the fan-out), config/ and plugins/ (loading and
// validation). This file keeps start and stop order; wiring/plugin-threads.ts builds the threads
// and their links, wiring/reload.ts rebuilds what a reload changed.
import type { CollectorGroup } from './collect/collector-group.js';
import type { EffectiveConfig } from './config/resolve.js';
import type { HandlerGroup } from './handle/handler-group.js';
import { reportGuardedErrorsTo } from './support/guard.js';
import { RateLimitedLog } from './support/logger.js';
import { StatusBoard } from './status/board.js';
import { createStatusService, type StatusService } from './status/service.js';
import { TelemetryPublisher } from './telemetry/publisher.js';
import { ProcessBounds } from './threads/process-bounds.js';
import type { AgentDeps } from './wiring/agent-deps.js';
import { PluginThreads } from './wiring/plugin-threads.js';
import { applyReload } from './wiring/reload.js';

export type { AgentDeps };

/** The running agent: its plugin threads, the schedule, self-telemetry and the status server. */
export class Agent {
  private readonly threads: PluginThreads;
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
    this.bounds = new ProcessBounds(deps.config.agent.max_rss_mb, () => [...this.threads.collectorGroups, ...this.threads.handlerGroups], deps.log);
    const watchers = { errors: this.errors, board: this.board, onBusy: () => this.bounds.growth.wake(), afterRun: () => this.bounds.check() };
    this.threads = new PluginThreads(deps, watchers, (next) => this.status?.setConfig(next));
    this.telemetryPublisher = new TelemetryPublisher(deps.telemetry, deps.config.agent, deps.hostname, deps.log, (batch) => deps.fanOut.publish(batch));
  }

  /** Starts the plugin threads (handlers first, so nothing collected is lost), self-telemetry and the status server. */
  async start(): Promise<void> {
    const { config, scheduler, log } = this.deps;
    await this.threads.startAll();
    this.bounds.started();
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
    const workers = { collector_workers: this.threads.collectorGroups.length, handler_workers: this.threads.handlerGroups.length };
    log.info('agent started', { collectors: keys(config.collectors), handlers: keys(config.handlers), ...workers, hostname: this.deps.hostname });
  }

  /** Re-reads nothing itself: applies an already validated config; see {@link applyReload}. */
  reload(next: EffectiveConfig): Promise<string> {
    return applyReload(this.threads, next);
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
    await Promise.all(this.threads.collectorGroups.map((group) => group.stopAll(Math.min(2_000, left() / 4))));
    if (this.deps.config.agent.telemetry) await this.telemetryPublisher.tick(this.groups, true);
    const drained = await this.deps.fanOut.drain(left() * 0.6);
    const leftOver = this.deps.fanOut.stop();
    await Promise.all(this.threads.handlerGroups.map((group) => group.closeAll(left())));
    this.deps.log.info('agent stopped', { drained, spooled: leftOver.spooled || undefined, dropped: leftOver.dropped || undefined });
    return drained;
  }

  /** Live thread groups, for tests and the CLI's status output. */
  get groups(): { collectors: readonly CollectorGroup[]; handlers: readonly HandlerGroup[] } {
    return { collectors: this.threads.collectorGroups, handlers: this.threads.handlerGroups };
  }
}

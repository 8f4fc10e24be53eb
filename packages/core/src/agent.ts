import { join } from 'node:path';
import { buildMetricPath, type Logger, type MetricSpec } from '@spinel/sdk';
import { configSecrets } from './config/print.js';
import type { CollectorCommon, EffectiveConfig, HandlerCommon, PluginEntry } from './config/resolve.js';
import { HandlerQueue } from './delivery/handler-queue.js';
import type { Router } from './delivery/router.js';
import type { HostRoots } from './host-paths.js';
import { LEAK_WINDOW, LeakWatch } from './leak-watch.js';
import { RateLimitedLog, type LogLevel } from './logger.js';
import { RssGuard } from './rss-guard.js';
import { sleep } from './timeout.js';
import { encodeBatch } from './sample-codec.js';
import { staggerOffset, type Scheduler } from './scheduler.js';
import { collectorSettings, groupByWorker } from './settings.js';
import type { Telemetry } from './telemetry.js';
import { CollectorHost, type RunOutcome } from './workers/collector-host.js';
import { HandlerHost } from './workers/handler-host.js';
import { LOAD_FAILED } from './workers/load-retry.js';
import type { LoadReport } from './workers/protocol.js';
import type { SupervisorOptions } from './workers/supervised-worker.js';

export interface AgentDeps {
  config: EffectiveConfig;
  log: Logger;
  telemetry: Telemetry;
  router: Router;
  scheduler: Scheduler;
  hostRoots: HostRoots;
  hostname: string | undefined;
}

/** How long a telemetry tick waits for the workers' heap readings before publishing without them. */
const HEAP_READ_WAIT_MS = 250;

const COLLECTOR_ENTRY = new URL('./workers/collector-worker.js', import.meta.url);
const HANDLER_ENTRY = new URL('./workers/handler-worker.js', import.meta.url);

/** The running agent: handler workers, collector workers, the schedule and self-telemetry. */
export class Agent {
  private readonly collectorHosts: CollectorHost[] = [];
  private readonly handlerHosts: HandlerHost[] = [];
  private readonly errors: RateLimitedLog;
  private readonly leakWatches = new Map<CollectorHost | HandlerHost, { watch: LeakWatch; restarts: number; reading: boolean }>();
  private stopping: Promise<boolean> | undefined;
  private readonly secrets: readonly string[];
  private readonly rssGuard: RssGuard;

  constructor(private readonly deps: AgentDeps) {
    this.errors = new RateLimitedLog(deps.log);
    this.secrets = configSecrets(deps.config);
    this.rssGuard = new RssGuard(deps.config.agent.max_rss_mb, () => [...this.collectorHosts, ...this.handlerHosts], deps.log);
  }

  private supervisor(group: string, entry: URL, entries: ReadonlyArray<{ common: { max_heap_mb: number; max_external_mb: number } }>): SupervisorOptions {
    return {
      group,
      entry,
      maxHeapMb: Math.max(...entries.map((e) => e.common.max_heap_mb)),
      maxExternalMb: Math.max(...entries.map((e) => e.common.max_external_mb)),
      logLevel: this.deps.config.agent.log_level as LogLevel,
      hostRoots: this.deps.hostRoots,
      hostname: this.deps.hostname,
      log: this.deps.log,
      secrets: this.secrets,
    };
  }

  private reportLoad(kind: string, reports: LoadReport[]): void {
    for (const report of reports) {
      if (report.error) this.errors.error(`load:${report.instance}`, `${kind} ${report.instance} failed to load: ${report.error.message}`, { stack: report.error.stack });
    }
  }

  /** Starts handlers first (so nothing collected is lost), then collectors and their schedule. */
  async start(): Promise<void> {
    const { config } = this.deps;
    for (const [group, entries] of groupByWorker(config.handlers)) this.startHandlerGroup(group, entries);
    for (const [group, entries] of groupByWorker(config.collectors)) this.startCollectorGroup(group, entries);
    await Promise.all([...this.handlerHosts, ...this.collectorHosts].map((host) => host.started()));
    for (const entry of config.collectors) this.schedule(entry);
    if (config.agent.telemetry) {
      this.deps.scheduler.add({
        name: 'spinel:telemetry',
        intervalMs: config.agent.telemetry_interval * 1000,
        offsetMs: config.agent.telemetry_interval * 1000,
        run: () => this.publishTelemetry(),
        onSkip: () => undefined,
      });
    }
    this.deps.log.info('agent started', {
      collectors: config.collectors.map((c) => c.instance).join(','),
      handlers: config.handlers.map((h) => h.instance).join(','),
      collector_workers: this.collectorHosts.length,
      handler_workers: this.handlerHosts.length,
      hostname: this.deps.hostname,
    });
  }

  private startHandlerGroup(group: string, entries: Array<PluginEntry<HandlerCommon>>): void {
    const timeouts = new Map(entries.map((e) => [e.instance, e.common.process_timeout * 1000]));
    // Built once per group: every handler in it sees every configured collector's catalogue.
    const catalogues = this.catalogues();
    const host = new HandlerHost(
      this.supervisor(group, HANDLER_ENTRY, entries),
      entries.map((e) => ({ instance: e.instance, url: e.plugin.url, source: e.plugin.specifier, options: e.options, catalogues })),
      {
        loaded: (reports) => this.reportLoad('handler', reports),
        ready: () => this.deps.router.resume(entries.map((e) => e.instance)),
      },
      timeouts,
    );
    for (const entry of entries) this.deps.router.attach(this.queueFor(entry, host));
    this.handlerHosts.push(host);
    void host.start();
  }

  /** Collector path → catalogue, for every configured collector: what handlers may describe. */
  private catalogues(): Record<string, MetricSpec[]> {
    const out: Record<string, MetricSpec[]> = {};
    for (const entry of this.deps.config.collectors) out[entry.common.path ?? entry.description.path ?? entry.instance] = [...entry.description.catalogue];
    return out;
  }

  private queueFor(entry: PluginEntry<HandlerCommon>, host: HandlerHost): HandlerQueue {
    const { common } = entry;
    const policy = {
      maxSamples: common.max_queue_samples,
      maxBytes: common.max_queue_mb * 1024 * 1024,
      overflow: common.overflow,
      retryInitialMs: common.retry_initial * 1000,
      retryMaxMs: common.retry_max * 1000,
      batchSize: common.batch_size,
      flushIntervalMs: common.flush_interval * 1000,
      spool: common.spool_dir === undefined ? undefined : { dir: join(common.spool_dir, entry.instance), maxBytes: common.spool_max_mb * 1024 * 1024 },
    };
    const queue = new HandlerQueue(entry.instance, host, policy, this.deps.telemetry.handler(entry.instance), this.errors);
    const backlog = queue.spoolBacklog;
    if (backlog) this.deps.log.info(`handler ${entry.instance}: replaying ${backlog.samples} spooled samples from ${backlog.dir}`);
    return queue;
  }

  private startCollectorGroup(group: string, entries: Array<PluginEntry<CollectorCommon>>): void {
    const { config, hostname, router } = this.deps;
    const host = new CollectorHost(
      this.supervisor(group, COLLECTOR_ENTRY, entries),
      entries.map((e) => ({
        instance: e.instance,
        url: e.plugin.url,
        source: e.plugin.specifier,
        options: e.options,
        settings: collectorSettings(e, config.agent, hostname),
      })),
      {
        samples: (_instance, batch) => router.publish(batch),
        loaded: (reports) => this.reportLoad('collector', reports),
      },
    );
    this.collectorHosts.push(host);
    void host.start();
  }

  private hostOf(instance: string): CollectorHost | undefined {
    return this.collectorHosts.find((h) => h.specs.some((s) => s.instance === instance));
  }

  private schedule(entry: PluginEntry<CollectorCommon>): void {
    const host = this.hostOf(entry.instance);
    if (!host) return;
    const stats = this.deps.telemetry.collector(entry.instance);
    const timeout = entry.common.timeout > 0 ? entry.common.timeout : entry.common.interval;
    const splayMs = Math.min(entry.common.splay, entry.common.interval) * 1000;
    this.deps.scheduler.add({
      name: entry.instance,
      intervalMs: entry.common.interval * 1000,
      offsetMs: staggerOffset(entry.instance, splayMs),
      run: async () => {
        this.recordRun(entry.instance, await host.collect(entry.instance, timeout));
        this.rssGuard.check();
      },
      onSkip: () => {
        stats.skipped++;
        this.errors.error(`skip:${entry.instance}`, `collector ${entry.instance} was still running when its next run was due; skipped`);
      },
    });
  }

  private recordRun(instance: string, outcome: RunOutcome): void {
    const stats = this.deps.telemetry.collector(instance);
    switch (outcome.kind) {
      case 'ran': {
        const { result } = outcome;
        stats.runs++;
        stats.samples += result.samples;
        stats.rejected += result.rejected;
        stats.last_duration_ms = result.durationMs;
        if (result.timedOut) stats.timeouts++;
        if (result.error) {
          stats.errors++;
          if (result.error.code === LOAD_FAILED) stats.load_errors++;
          this.errors.error(`run:${instance}`, `collector ${instance} failed: ${result.error.message}`, { code: result.error.code, stack: result.error.stack });
        } else {
          this.errors.clear(`run:${instance}`);
        }
        return;
      }
      case 'unavailable':
        stats.skipped++;
        return;
      case 'hung':
        stats.timeouts++;
        stats.errors++;
        return;
      case 'lost':
        stats.errors++;
        this.errors.error(`run:${instance}`, `collector ${instance} run lost: ${outcome.reason}`);
        return;
    }
  }

  /** Reads a worker's heap after GC and updates its plugins' stats and its leak watch. */
  private async watchHeap(host: CollectorHost | HandlerHost, stats: Array<{ restarts: number; worker_heap_used_bytes: number; worker_external_bytes: number; suspected_leak: number }>): Promise<void> {
    for (const s of stats) s.restarts = host.restarts;
    let entry = this.leakWatches.get(host);
    if (!entry) this.leakWatches.set(host, (entry = { watch: new LeakWatch(), restarts: host.restarts, reading: false }));
    // A busy or hung worker answers late (or at its control timeout); the tick never waits for it.
    if (entry.reading) return;
    entry.reading = true;
    try {
      await this.readHeap(host, entry, stats);
    } finally {
      entry.reading = false;
    }
  }

  private async readHeap(
    host: CollectorHost | HandlerHost,
    entry: { watch: LeakWatch; restarts: number },
    stats: Array<{ restarts: number; worker_heap_used_bytes: number; worker_external_bytes: number; suspected_leak: number }>,
  ): Promise<void> {
    if (entry.restarts !== host.restarts) {
      entry.watch.reset();
      entry.restarts = host.restarts;
    }
    const heap = await host.heap();
    const suspected = heap ? entry.watch.record(heap.usedBytes + heap.externalBytes) : entry.watch.suspected;
    if (suspected && stats.some((s) => !s.suspected_leak)) {
      this.deps.log.warn(`worker ${host.group} is suspected of leaking: its heap plus off-heap memory after GC rose at each of the last ${LEAK_WINDOW} readings`, {
        heap_used_bytes: heap?.usedBytes,
        external_bytes: heap?.externalBytes,
        plugins: host.specs.map((p) => p.instance).join(','),
      });
    }
    for (const s of stats) {
      s.restarts = host.restarts;
      if (heap) {
        s.worker_heap_used_bytes = heap.usedBytes;
        s.worker_external_bytes = heap.externalBytes;
      }
      s.suspected_leak = suspected ? 1 : 0;
    }
  }

  private async publishTelemetry(): Promise<void> {
    const { telemetry, config, hostname, router } = this.deps;
    this.rssGuard.check();
    // Heap readings (after a GC in each worker) land in the stats for this tick when they are
    // quick and for the next one otherwise: one hung worker must not hold everyone's telemetry.
    const readings = Promise.all([
      ...this.collectorHosts.map((host) => this.watchHeap(host, host.specs.map((s) => telemetry.collector(s.instance)))),
      ...this.handlerHosts.map((host) => this.watchHeap(host, host.specs.map((s) => telemetry.handler(s.instance)))),
    ]);
    await Promise.race([readings, sleep(HEAP_READ_WAIT_MS)]);
    const pathOf = (name: string): string =>
      buildMetricPath({ pathPrefix: config.agent.path_prefix, hostname, pathSuffix: config.agent.path_suffix, path: 'spinel', name });
    router.publish(encodeBatch('spinel', hostname, telemetry.samples(Math.floor(Date.now() / 1000), pathOf)));
  }

  /**
   * Stops scheduling, lets runs in flight finish briefly, hands every queued batch to its
   * handler, flushes and closes handlers, then ends all workers, within `deadlineMs`.
   * Resolves true when everything queued was delivered.
   */
  stop(deadlineMs = this.deps.config.agent.shutdown_timeout * 1000): Promise<boolean> {
    this.stopping ??= this.shutdown(deadlineMs);
    return this.stopping;
  }

  private async shutdown(deadlineMs: number): Promise<boolean> {
    const deadline = performance.now() + deadlineMs;
    const left = (): number => Math.max(100, deadline - performance.now());
    await this.deps.scheduler.stop(Math.min(2_000, left() / 4));
    await Promise.all(this.collectorHosts.map((host) => host.stopAll(Math.min(2_000, left() / 4))));
    const drained = await this.deps.router.drain(left() * 0.6);
    const leftOver = this.deps.router.stop();
    await Promise.all(this.handlerHosts.map((host) => host.closeAll(left())));
    this.deps.log.info('agent stopped', { drained, spooled: leftOver.spooled || undefined, dropped: leftOver.dropped || undefined });
    return drained;
  }

  /** Live hosts, for tests and the CLI's status output. */
  get hosts(): { collectors: readonly CollectorHost[]; handlers: readonly HandlerHost[] } {
    return { collectors: this.collectorHosts, handlers: this.handlerHosts };
  }
}

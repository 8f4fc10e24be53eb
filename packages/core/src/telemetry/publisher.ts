import { buildMetricPath, type Logger } from '@spinel/sdk';
import { encodeBatch, type EncodedBatch } from '../channel/encoded-batch.js';
import type { AgentSettings } from '../config/resolve.js';
import { forceGc, usedHeapBytes } from '../support/gc.js';
import { sleep } from '../support/timeout.js';
import { HeapWatch, type WatchedThread } from './heap-watch.js';
import { LEAK_WINDOW, LeakWatch } from './leak-watch.js';
import type { Telemetry, ThreadStats } from './stats.js';

/** How long a telemetry tick waits for the threads' heap readings before publishing without them. */
const HEAP_READ_WAIT_MS = 250;

export interface TelemetryThreads {
  collectors: readonly WatchedThread[];
  handlers: readonly WatchedThread[];
}

/**
 * The self-telemetry stage: at each tick, publishes every counter as ordinary samples under
 * `<prefix>.<host>.spinel.`, into the same fan-out as collected samples. Every
 * `leak_watch_interval` it also refreshes the threads' heap readings after a full GC (each
 * thread's leak watch): the GC is the costly part, so it does not ride on every tick.
 */
export class TelemetryPublisher {
  private readonly watches = new Map<WatchedThread, HeapWatch>();
  private watchedAt = Number.NEGATIVE_INFINITY;
  private readonly mainWatch = new LeakWatch();

  constructor(
    private readonly telemetry: Telemetry,
    private readonly agent: AgentSettings,
    private readonly hostname: string | undefined,
    private readonly log: Logger,
    private readonly publish: (batch: EncodedBatch) => void,
  ) {}

  /**
   * `final` is the tick at shutdown, after the collectors stopped: the last counters (a restart
   * since the previous tick, say) reach the handlers, without a heap reading of stopping threads.
   */
  async tick(threads: TelemetryThreads, final = false): Promise<void> {
    const { telemetry } = this;
    const watches = [
      ...threads.collectors.map((t) =>
        this.watchOf(
          t,
          t.specs.map((s) => telemetry.collector(s.key)),
        ),
      ),
      ...threads.handlers.map((t) =>
        this.watchOf(
          t,
          t.specs.map((s) => telemetry.handler(s.key)),
        ),
      ),
    ];
    // Threads a reload stopped are forgotten; a thread a reload changed counts its new plugins.
    const live = new Set<WatchedThread>([...threads.collectors, ...threads.handlers]);
    for (const thread of this.watches.keys()) if (!live.has(thread)) this.watches.delete(thread);
    for (const watch of watches) watch.countRestarts();
    const now = performance.now();
    if (!final && now - this.watchedAt >= this.agent.leak_watch_interval * 1000) {
      this.watchedAt = now;
      // Readings land in this tick's stats when they are quick and in the next one otherwise: one
      // hung thread must not hold everyone's telemetry.
      const readings = Promise.all(watches.map((watch) => watch.read()));
      this.readMainThread();
      await Promise.race([readings, sleep(HEAP_READ_WAIT_MS)]);
    }
    const pathOf = (name: string): string =>
      buildMetricPath({ pathPrefix: this.agent.path_prefix, hostname: this.hostname, pathSuffix: this.agent.path_suffix, path: 'spinel', name });
    this.publish(encodeBatch('spinel', this.hostname, telemetry.samples(Math.floor(Date.now() / 1000), pathOf)));
  }

  /**
   * The main thread gets the same reading as a worker: a full GC, then its heap plus off-heap
   * memory. Without it the main thread's old space only shrinks when V8 decides to, so neither
   * the reading nor the process's RSS tells retention from garbage waiting for a major GC.
   */
  private readMainThread(): void {
    forceGc(1);
    const bytes = usedHeapBytes() + process.memoryUsage().external;
    const suspected = this.mainWatch.record(bytes);
    if (suspected && !this.telemetry.agent.suspected_leak) {
      this.log.warn(
        `the agent's main thread is suspected of leaking: its heap plus off-heap memory after GC rose at each of the last ${LEAK_WINDOW} readings`,
        { bytes },
      );
    }
    this.telemetry.agent.heap_after_gc_bytes = bytes;
    this.telemetry.agent.suspected_leak = suspected ? 1 : 0;
  }

  private watchOf(thread: WatchedThread, stats: ThreadStats[]): HeapWatch {
    let watch = this.watches.get(thread);
    if (!watch) this.watches.set(thread, (watch = new HeapWatch(thread, stats, this.log)));
    else watch.stats = stats;
    return watch;
  }
}

import type { SampleInput } from '../channel/encoded-batch.js';
import type { RunStats } from '../collect/run-accounting.js';
import type { DeliveryStats } from '../deliver/target.js';

/** What every plugin's thread reports, for its collectors or handlers. */
export interface ThreadStats {
  restarts: number;
  worker_heap_used_bytes: number;
  /** The worker's memory outside the V8 heap (Buffers, ArrayBuffers). */
  worker_external_bytes: number;
  /** 1 while the worker's heap plus off-heap memory after GC has risen across the whole watch window. */
  suspected_leak: number;
}

export interface CollectorStats extends RunStats, ThreadStats {}

export interface HandlerStats extends DeliveryStats, ThreadStats {}

const COUNTERS = new Set([
  'status_refused',
  'status_idle_closed',
  'runs',
  'errors',
  'timeouts',
  'skipped',
  'restarts',
  'samples',
  'rejected',
  'load_errors',
  'received',
  'written',
  'dropped',
  'retries',
  'spooled',
  'spool_corrupt',
  'spool_errors',
]);

const emptyCollector = (): CollectorStats => ({
  runs: 0,
  errors: 0,
  timeouts: 0,
  skipped: 0,
  restarts: 0,
  samples: 0,
  rejected: 0,
  load_errors: 0,
  last_duration_ms: 0,
  worker_heap_used_bytes: 0,
  worker_external_bytes: 0,
  suspected_leak: 0,
});

const emptyHandler = (): HandlerStats => ({
  received: 0,
  written: 0,
  dropped: 0,
  errors: 0,
  retries: 0,
  spooled: 0,
  spool_corrupt: 0,
  spool_errors: 0,
  queue_length: 0,
  queue_bytes: 0,
  spool_samples: 0,
  last_write_duration_ms: 0,
  restarts: 0,
  worker_heap_used_bytes: 0,
  worker_external_bytes: 0,
  suspected_leak: 0,
});

/**
 * The agent's own counters, by config entry key (a fixed set, so this state is
 * bounded by the config, not by traffic). Published as ordinary metrics under
 * `<prefix>.<host>.spinel.{collectors,handlers,agent}.*`.
 */
export class Telemetry {
  readonly collectors = new Map<string, CollectorStats>();
  readonly handlers = new Map<string, HandlerStats>();
  /** The main thread's own leak-watch reading: heap plus off-heap memory after a full GC (0 before the first). */
  readonly agent = { heap_after_gc_bytes: 0, suspected_leak: 0, status_refused: 0, status_idle_closed: 0 };

  collector(key: string): CollectorStats {
    let stats = this.collectors.get(key);
    if (!stats) this.collectors.set(key, (stats = emptyCollector()));
    return stats;
  }

  handler(key: string): HandlerStats {
    let stats = this.handlers.get(key);
    if (!stats) this.handlers.set(key, (stats = emptyHandler()));
    return stats;
  }

  /** Samples for the current counters; `pathOf(name)` builds the full path of a short name. */
  samples(timestamp: number, pathOf: (name: string) => string): SampleInput[] {
    const out: SampleInput[] = [];
    const add = (name: string, value: number, dimensions: Record<string, string>): void => {
      const metric = name.slice(name.lastIndexOf('.') + 1);
      out.push({
        path: pathOf(name),
        name,
        value,
        timestamp,
        type: COUNTERS.has(metric) ? 'counter' : 'gauge',
        precision: metric.endsWith('_ms') ? 3 : 0,
        dimensions,
      });
    };
    for (const [entry, stats] of this.collectors) {
      for (const [counter, value] of Object.entries(stats)) add(`collectors.${entry}.${counter}`, value, { collector: entry });
    }
    for (const [entry, stats] of this.handlers) {
      for (const [counter, value] of Object.entries(stats)) add(`handlers.${entry}.${counter}`, value, { handler: entry });
    }
    const memory = process.memoryUsage();
    add('agent.rss_bytes', memory.rss, {});
    add('agent.heap_used_bytes', memory.heapUsed, {});
    if (this.agent.heap_after_gc_bytes > 0) add('agent.heap_after_gc_bytes', this.agent.heap_after_gc_bytes, {});
    add('agent.suspected_leak', this.agent.suspected_leak, {});
    add('agent.uptime_seconds', Math.round(process.uptime()), {});
    // Connections the status server (TCP and control socket) refused past its cap, or closed idle.
    add('agent.status_refused', this.agent.status_refused, {});
    add('agent.status_idle_closed', this.agent.status_idle_closed, {});
    return out;
  }
}

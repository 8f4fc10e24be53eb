import v8 from 'node:v8';
import { forceGc } from '../support/gc.js';
import type { HeapReport, WorkerMemory } from '../channel/messages.js';

/**
 * This isolate's heap after a full GC (inside a worker: the worker's own heap, not the
 * process's). Measured after GC so a rising figure means retained memory, not garbage.
 */
export function heapReport(): HeapReport {
  forceGc();
  const stats = v8.getHeapStatistics();
  return { usedBytes: stats.used_heap_size, totalBytes: stats.total_heap_size, limitBytes: stats.heap_size_limit, externalBytes: process.memoryUsage().external };
}

/**
 * This isolate's memory now, without a GC (a few microseconds): sent with every run result and
 * handler ack so off-heap growth (Buffers, ArrayBuffers, native objects), which `max_heap_mb`
 * does not bound, is caught at the next run rather than at the next telemetry tick.
 */
export function memoryNow(): WorkerMemory {
  const usage = process.memoryUsage();
  return { heapUsedBytes: usage.heapUsed, externalBytes: usage.external };
}

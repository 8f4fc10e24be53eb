import v8 from 'node:v8';
import { forceGc } from '../support/gc.js';
import { descriptorCount } from './descriptors.js';
import type { HeapReport, WorkerMemory } from '../channel/messages.js';

/**
 * This isolate's heap after a full GC (inside a worker: the worker's own heap, not the
 * process's). Measured after GC so a rising figure means retained memory, not garbage.
 */
export function heapReport(): HeapReport {
  forceGc(1);
  const stats = v8.getHeapStatistics();
  return { usedBytes: stats.used_heap_size, totalBytes: stats.total_heap_size, limitBytes: stats.heap_size_limit, externalBytes: stats.external_memory };
}

/**
 * This isolate's memory now, without a GC (about 2 microseconds; `process.memoryUsage()` also
 * reads the process RSS from /proc and costs three times that): sent with every batch of run
 * results and every handler ack so off-heap growth (Buffers, ArrayBuffers, native objects),
 * which `max_heap_mb` does not bound, is caught at the next tick rather than at the next
 * telemetry reading.
 */
export function memoryNow(): WorkerMemory {
  const stats = v8.getHeapStatistics();
  return { heapUsedBytes: stats.used_heap_size, externalBytes: stats.external_memory, descriptors: descriptorCount() };
}

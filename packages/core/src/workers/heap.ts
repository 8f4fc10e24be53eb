import v8 from 'node:v8';
import { forceGc } from '../gc.js';
import type { HeapReport } from './protocol.js';

/**
 * This isolate's heap after a full GC (inside a worker: the worker's own heap, not the
 * process's). Measured after GC so a rising figure means retained memory, not garbage.
 */
export function heapReport(): HeapReport {
  forceGc();
  const stats = v8.getHeapStatistics();
  return { usedBytes: stats.used_heap_size, totalBytes: stats.total_heap_size, limitBytes: stats.heap_size_limit };
}

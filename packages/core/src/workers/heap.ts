import v8 from 'node:v8';
import type { HeapReport } from './protocol.js';

/** This isolate's heap (inside a worker: the worker's own heap, not the process's). */
export function heapReport(): HeapReport {
  const stats = v8.getHeapStatistics();
  return { usedBytes: stats.used_heap_size, totalBytes: stats.total_heap_size, limitBytes: stats.heap_size_limit };
}

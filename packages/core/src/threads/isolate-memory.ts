import type { Worker } from 'node:worker_threads';
import { withTimeout } from '../support/timeout.js';

/** The fields of v8's heap statistics the memory guards read. */
interface IsolateHeap {
  used_heap_size: number;
  external_memory: number;
}

/**
 * Heap plus off-heap bytes a worker's own isolate holds, asked of the isolate itself, or
 * undefined where the runtime cannot say (Worker.getHeapStatistics came in Node 22.16 and 24),
 * the worker is gone, or it did not answer within `timeoutMs`. The question is served as an
 * isolate interrupt, so a thread busy in a loop of its own answers too.
 */
export async function isolateMemory(worker: Worker | undefined, timeoutMs: number, what: string): Promise<number | undefined> {
  const asked = worker as (Worker & { getHeapStatistics?: () => Promise<IsolateHeap> }) | undefined;
  if (!asked || typeof asked.getHeapStatistics !== 'function') return undefined;
  try {
    const heap = await withTimeout(asked.getHeapStatistics(), timeoutMs, what);
    return heap.used_heap_size + heap.external_memory;
  } catch {
    return undefined;
  }
}

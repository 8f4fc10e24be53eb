import { Worker } from 'node:worker_threads';
import type { WorkerBootData } from '../channel/messages.js';

/** A plugin worker thread with its heap capped; its stdout and stderr go to the agent's. */
export function spawnWorker(options: { entry: URL; group: string; maxHeapMb: number }, boot: WorkerBootData): Worker {
  return new Worker(options.entry, {
    workerData: boot,
    transferList: [boot.port],
    name: `spinel:${options.group}`,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb, maxYoungGenerationSizeMb: Math.min(8, Math.max(2, options.maxHeapMb / 16)) },
    stderr: false,
    stdout: false,
  });
}

/** What a worker's 'error' event says happened to it. */
export function workerErrorReason(error: Error & { code?: string }, maxHeapMb: number): string {
  return error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of heap (max_heap_mb ${maxHeapMb})` : `crashed: ${error.message}`;
}

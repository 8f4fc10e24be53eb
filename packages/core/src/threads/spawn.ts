import { type MessagePort, Worker } from 'node:worker_threads';
import type { WorkerBootData, WorkerMemory } from '../channel/messages.js';
import type { SupervisorOptions } from './supervisor-options.js';

/** A plugin worker thread with its heap capped; its stdout and stderr go to the agent's. */
export function spawnWorker(options: { entry: URL; group: string; maxHeapMb: number }, boot: WorkerBootData): Worker {
  return new Worker(options.entry, {
    workerData: boot,
    transferList: [boot.port],
    name: `spinel:${options.group}`,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb, maxYoungGenerationSizeMb: Math.min(8, Math.max(2, options.maxHeapMb / 16)) },
    stderr: false,
    stdout: false,
    // Node's default, said here because the descriptor cap relies on it: files a plugin opened by
    // number are closed with its thread, as its sockets are.
    trackUnmanagedFds: true,
  });
}

/** What a worker's 'error' event says happened to it. */
export function workerErrorReason(error: Error & { code?: string }, maxHeapMb: number): string {
  return error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of heap (max_heap_mb ${maxHeapMb})` : `crashed: ${error.message}`;
}

/** Why a worker that reported `memory` is past its off-heap or descriptor limit; undefined when it is not. */
export function pastLimit(
  memory: WorkerMemory,
  limits: { maxExternalMb: number; maxDescriptors: number },
  plugins: ReadonlyArray<{ key: string }>,
): string | undefined {
  if (memory.externalBytes > limits.maxExternalMb * 1048576)
    return `holds ${Math.round(memory.externalBytes / 1048576)} MB off the heap (max_external_mb ${limits.maxExternalMb})`;
  if (memory.descriptors > limits.maxDescriptors)
    return `holds ${memory.descriptors} descriptors (max_descriptors ${limits.maxDescriptors}; plugins ${plugins.map((p) => p.key).join(', ')})`;
  return undefined;
}

/** What a fresh worker is started with: its data port, log level, host roots, secrets to scrub, and the activity marker. */
export function bootData(options: SupervisorOptions, port: MessagePort, activity: Int32Array): WorkerBootData {
  return {
    port,
    logLevel: options.logLevel,
    hostRoots: options.hostRoots,
    hostname: options.hostname,
    secrets: [...options.secrets],
    activity: activity.buffer as SharedArrayBuffer,
  };
}

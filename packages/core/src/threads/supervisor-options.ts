import type { Logger } from '@spinel/sdk';
import type { Backoff } from '../support/backoff.js';
import type { HostRoots } from '../support/host-paths.js';
import type { LogLevel } from '../support/logger.js';

export interface SupervisorOptions {
  /** Group name, for logs and thread names. */
  group: string;
  entry: URL;
  maxHeapMb: number;
  /** Off-heap memory (Buffers, ArrayBuffers, native objects) past which the worker is restarted. */
  maxExternalMb: number;
  /** Descriptors the worker may hold; past it the worker is restarted (threads/descriptors.ts). */
  maxDescriptors: number;
  logLevel: LogLevel;
  hostRoots: HostRoots;
  hostname: string | undefined;
  log: Logger;
  /** Secret values scrubbed from the worker's log lines. */
  secrets: readonly string[];
  /** Milliseconds a control call (load, heap, flush) may take. */
  controlTimeoutMs?: number;
  backoff?: Backoff;
  /** Told when the worker takes work while it had none (the memory growth watch wakes). */
  onBusy?: () => void;
  /** How long a worker must stay up before a healthy run resets the restart backoff. */
  stableAfterMs?: number;
}

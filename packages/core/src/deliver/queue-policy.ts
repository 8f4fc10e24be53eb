import { join } from 'node:path';
import type { HandlerCommon, PluginEntry } from '../config/resolve.js';
import type { Overflow } from './memory-buffer.js';

export interface QueuePolicy {
  maxSamples: number;
  maxBytes: number;
  overflow: Overflow;
  retryInitialMs: number;
  retryMaxMs: number;
  /** Samples per delivery: whole collector runs are joined up to this many. */
  batchSize: number;
  /** Longest a sample waits for a batch to fill before it is sent anyway. */
  flushIntervalMs: number;
  /** A disk spool for this handler: its own folder and size bound. */
  spool?: { dir: string; maxBytes: number } | undefined;
}

/** A handler entry's common keys as its queue's policy; the spool gets a folder per handler. */
export function queuePolicy(entry: PluginEntry<HandlerCommon>): QueuePolicy {
  const { common } = entry;
  return {
    maxSamples: common.max_queue_samples,
    maxBytes: common.max_queue_mb * 1024 * 1024,
    overflow: common.overflow,
    retryInitialMs: common.retry_initial * 1000,
    retryMaxMs: common.retry_max * 1000,
    batchSize: common.batch_size,
    flushIntervalMs: common.flush_interval * 1000,
    spool: common.spool_dir === undefined ? undefined : { dir: join(common.spool_dir, entry.key), maxBytes: common.spool_max_mb * 1024 * 1024 },
  };
}

/** The bounds as a log line names them. */
export function describeBounds(policy: QueuePolicy): string {
  return `max_queue_samples ${policy.maxSamples}, max_queue_mb ${Math.round(policy.maxBytes / 1048576)}, ${policy.overflow}`;
}

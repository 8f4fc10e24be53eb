import type { MessagePort } from 'node:worker_threads';
import type { MetricSpec } from '@spinel/sdk';
import type { CollectorSettings, RunFailure, RunResult } from './run.js';
import type { HostRoots } from '../support/host-paths.js';
import type { LogLevel } from '../support/logger.js';
import type { EncodedBatch } from './encoded-batch.js';

// Control calls (load, flush, heap, stop) go over comlink: request/response with typed remote
// methods is exactly its job, and the hosts wrap every call in a timeout and release the proxy
// when a worker is replaced. The per-tick traffic does not: a comlink call costs a proxy, a
// UUID and a promise per call on both sides, which at one call per collector per second was the
// main thread's largest cost. So collection is plain messages on a dedicated MessageChannel:
// one CollectRequest per tick names every collector of the thread that is due, and the thread
// answers with one RunsFinished for the runs that ended together, each run's result travelling
// with its samples (an EncodedBatch, its buffers transferred, not cloned). A run of more than
// 8,192 samples sends the earlier ones ahead as 'chunk' messages.

export interface HeapReport {
  usedBytes: number;
  totalBytes: number;
  limitBytes: number;
  /** Memory outside the V8 heap held by this isolate (Buffers and ArrayBuffers included). */
  externalBytes: number;
}

/** A worker's memory as reported with each run result or ack (no GC before it). */
export interface WorkerMemory {
  heapUsedBytes: number;
  externalBytes: number;
  /** Descriptors the worker holds: files it opened by number, its sockets and servers. */
  descriptors: number;
}

/** Main thread -> collector thread: run these collectors now. */
export interface CollectRequest {
  keys: string[];
}

/** One finished run: its result and its samples (those not sent ahead in chunks). */
export interface FinishedRun {
  key: string;
  result: RunResult;
  batch: EncodedBatch | undefined;
}

/** Collector thread -> main thread. */
export type CollectorThreadMessage = { kind: 'chunk'; key: string; batch: EncodedBatch } | { kind: 'finished'; runs: FinishedRun[]; memory: WorkerMemory };

export interface LoadReport {
  key: string;
  error: RunFailure | undefined;
}

export interface CollectorInstanceSpec {
  key: string;
  url: string;
  source: string;
  options: Record<string, unknown>;
  settings: CollectorSettings;
}

export interface CollectorWorkerApi {
  /** Loads and sets up collectors; `order` is the group's every key, for the activity marker. */
  load(specs: CollectorInstanceSpec[], order: string[]): Promise<LoadReport[]>;
  /** Tears down and forgets collectors (a reload that changed or removed them). */
  unload(keys: string[]): Promise<void>;
  heap(): HeapReport;
  stop(): Promise<void>;
}

export interface WorkerBootData {
  /** Samples (collector workers) or batches and acks (handler workers) travel here. */
  port: MessagePort;
  logLevel: LogLevel;
  hostRoots: HostRoots;
  hostname: string | undefined;
  /** Secret values of the config, scrubbed from every log line the worker writes. */
  secrets: string[];
  /**
   * One Int32 the worker sets to 1 + the index (in its load order) of the plugin whose code it
   * entered last, so the main thread can name the plugin that blocks a hung thread.
   */
  activity: SharedArrayBuffer;
}

export interface HandlerInstanceSpec {
  key: string;
  url: string;
  source: string;
  options: Record<string, unknown>;
  /** Collector path → its metric catalogue, for handlers that describe metrics (HELP, units). */
  catalogues: Record<string, MetricSpec[]>;
}

export interface HandlerWorkerApi {
  load(specs: HandlerInstanceSpec[]): Promise<LoadReport[]>;
  /** Flushes, closes and forgets handlers (a reload that changed or removed them). */
  unload(keys: string[]): Promise<void>;
  flush(instance: string): Promise<void>;
  close(): Promise<void>;
  heap(): HeapReport;
}

export interface HandlerBatchMessage {
  handler: string;
  id: number;
  /** Collector runs joined into one delivery; the handler sees one array of samples. */
  batches: EncodedBatch[];
}

export interface HandlerAckMessage {
  handler: string;
  id: number;
  count: number;
  durationMs: number;
  error: RunFailure | undefined;
  memory: WorkerMemory;
}

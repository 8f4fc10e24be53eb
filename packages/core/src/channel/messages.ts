import type { MessagePort } from 'node:worker_threads';
import type { MetricSpec } from '@spinel/sdk';
import type { CollectorSettings, RunFailure, RunResult } from './run.js';
import type { HostRoots } from '../support/host-paths.js';
import type { LogLevel } from '../support/logger.js';
import type { EncodedBatch } from './encoded-batch.js';

// Control calls (load, collect, flush, heap, stop) go over comlink: request/response with
// typed remote methods is exactly its job, and the hosts wrap every call in a timeout and
// release the proxy when a worker is replaced. Samples never go over comlink: they travel as
// EncodedBatch messages on a dedicated MessageChannel with transferred buffers, one message
// per run or per 8,192 samples. So a run's samples and its result travel apart, on purpose:
// comlink would structured-clone the buffers instead of transferring them, and a run of 100,000
// samples is several messages anyway. Nothing needs the two together: the fan-out takes samples
// as they arrive, and the schedule only counts the result.

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
}

/** A collector run's result as it crosses the thread boundary. */
export interface CollectResponse extends RunResult {
  memory: WorkerMemory;
}

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
  load(specs: CollectorInstanceSpec[]): Promise<LoadReport[]>;
  collect(instance: string): Promise<CollectResponse>;
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

export interface SampleMessage {
  key: string;
  batch: EncodedBatch;
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

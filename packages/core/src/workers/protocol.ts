import type { MessagePort } from 'node:worker_threads';
import type { MetricSpec } from '@spinel/sdk';
import type { CollectorSettings, RunFailure, RunResult } from '../collector-runner.js';
import type { HostRoots } from '../host-paths.js';
import type { LogLevel } from '../logger.js';
import type { EncodedBatch } from '../sample-codec.js';

// Control calls (load, collect, flush, heap, stop) go over comlink: request/response with
// typed remote methods is exactly its job, and the hosts wrap every call in a timeout and
// release the proxy when a worker is replaced. Samples never go over comlink: they travel as
// EncodedBatch messages on a dedicated MessageChannel with transferred buffers, one message
// per run or per batch.

export interface HeapReport {
  usedBytes: number;
  totalBytes: number;
  limitBytes: number;
}

export interface LoadReport {
  instance: string;
  error: RunFailure | undefined;
}

export interface CollectorInstanceSpec {
  instance: string;
  url: string;
  source: string;
  options: Record<string, unknown>;
  settings: CollectorSettings;
}

export interface CollectorWorkerApi {
  load(specs: CollectorInstanceSpec[]): Promise<LoadReport[]>;
  collect(instance: string): Promise<RunResult>;
  heap(): HeapReport;
  stop(): Promise<void>;
}

export interface WorkerBootData {
  /** Samples (collector workers) or batches and acks (handler workers) travel here. */
  port: MessagePort;
  logLevel: LogLevel;
  hostRoots: HostRoots;
  hostname: string | undefined;
}

export interface SampleMessage {
  instance: string;
  batch: EncodedBatch;
}

export interface HandlerInstanceSpec {
  instance: string;
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
}

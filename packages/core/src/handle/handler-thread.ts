// Entry of a handler worker thread: hosts one or more handler instances (its group). Each
// handler processes its batches one at a time; different handlers run concurrently.
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createMetricSpecLookup, createScrubber, type Check, type HandlerDefinition, type HandlerInstance, type Sample } from '@spinel/sdk';
import { describeFailure } from '../channel/run.js';
import { createLogger } from '../support/logger.js';
import { definitionFromModule } from '../plugins/definition.js';
import { decodeBatch, decodeChecks, type EncodedBatch } from '../channel/encoded-batch.js';
import { trackDescriptors } from '../threads/descriptors.js';
import { heapReport, memoryNow } from '../threads/heap.js';
import { loadInThread, LoadRetry } from '../threads/load-retry.js';
import type { HandlerAckMessage, HandlerBatchMessage, HandlerInstanceSpec, HandlerWorkerApi, LoadReport, WorkerBootData } from '../channel/messages.js';

const boot = workerData as WorkerBootData;
trackDescriptors();
const scrub = createScrubber(boot.secrets);
const RECREATE_AFTER_MS = 5_000;

interface Hosted {
  spec: HandlerInstanceSpec;
  definition: HandlerDefinition;
  /** The created handler, once `create` succeeded. */
  live: HandlerInstance | undefined;
  lastAttempt: number;
  /** Serialises this handler's work: process, flush and close never overlap. */
  chain: Promise<void>;
}

const hosted = new Map<string, Hosted>();

async function create(entry: Hosted): Promise<HandlerInstance> {
  if (entry.live) return entry.live;
  entry.lastAttempt = Date.now();
  const log = createLogger({ level: boot.logLevel, redact: scrub, scope: `handler ${entry.spec.key}` });
  entry.live = await entry.definition.create({
    options: entry.spec.options as never,
    log,
    hostname: boot.hostname,
    now: () => Date.now() / 1000,
    metricSpec: createMetricSpecLookup(entry.spec.catalogues),
  });
  return entry.live;
}

function enqueue(entry: Hosted, work: () => Promise<void>): Promise<void> {
  const next = entry.chain.then(work, work);
  entry.chain = next.catch(() => undefined);
  return next;
}

function countOf(message: HandlerBatchMessage): number {
  let count = 0;
  for (const batch of message.batches) count += batch.count;
  return count;
}

function decodeBatches(batches: readonly EncodedBatch[]): Sample[] {
  if (batches.length === 1 && batches[0]) return decodeBatch(batches[0]);
  const samples: Sample[] = [];
  for (const batch of batches) for (const sample of decodeBatch(batch)) samples.push(sample);
  return samples;
}

function checksOf(batches: readonly EncodedBatch[]): Check[] {
  return batches.flatMap(decodeChecks);
}

/** Samples to `process` (not called for a batch of only check-ins), check-ins to `check` where the handler has it. */
async function deliver(instance: HandlerInstance, batches: readonly EncodedBatch[]): Promise<void> {
  const samples = decodeBatches(batches);
  if (samples.length > 0) await instance.process(samples);
  if (!instance.check) return;
  const checks = checksOf(batches);
  if (checks.length > 0) await instance.check(checks);
}

function ack(message: Omit<HandlerAckMessage, 'memory'>): void {
  const full: HandlerAckMessage = { ...message, memory: memoryNow() };
  boot.port.postMessage(full);
}

const loadRetry = new LoadRetry<HandlerInstanceSpec>();

/** Imports one handler and creates it; a failed import is retried by {@link loadRetry}, a failed create by {@link create}. */
function loadOne(spec: HandlerInstanceSpec, attempt: number): Promise<LoadReport> {
  return loadInThread(spec, attempt, loadRetry, {
    prepare: (namespace): Hosted => ({
      spec,
      definition: definitionFromModule(namespace, 'handler', spec.source) as HandlerDefinition,
      live: undefined,
      lastAttempt: 0,
      chain: Promise.resolve(),
    }),
    host: (entry) => hosted.set(spec.key, entry),
    start: (entry) => create(entry),
  });
}

async function receive(message: HandlerBatchMessage): Promise<void> {
  const retry = hosted.has(message.handler) ? undefined : loadRetry.due(message.handler);
  if (retry) await loadOne(retry.spec, retry.attempt);
  const entry = hosted.get(message.handler);
  if (!entry) {
    const failure = loadRetry.failure(message.handler) ?? { name: 'Error', message: 'handler not loaded', code: 'SPINEL_HANDLER_FAILED' };
    ack({ handler: message.handler, id: message.id, count: countOf(message), durationMs: 0, error: failure });
    return;
  }
  await enqueue(entry, async () => {
    const started = performance.now();
    try {
      if (!entry.live && Date.now() - entry.lastAttempt < RECREATE_AFTER_MS) throw new Error('handler is not available (create failed; retrying shortly)');
      const instance = await create(entry);
      await deliver(instance, message.batches);
      ack({ handler: message.handler, id: message.id, count: countOf(message), durationMs: performance.now() - started, error: undefined });
    } catch (error) {
      ack({ handler: message.handler, id: message.id, count: countOf(message), durationMs: performance.now() - started, error: describeFailure(error) });
    }
  });
}

boot.port.on('message', (message: HandlerBatchMessage) => void receive(message));

/** Flushes and closes one handler after the work queued on it; never rejects. */
function shutDown(entry: Hosted): Promise<void> {
  return enqueue(entry, async () => {
    await entry.live?.flush?.();
    await entry.live?.close?.();
    entry.live = undefined;
  }).catch(() => undefined);
}

const api: HandlerWorkerApi = {
  async load(specs) {
    const reports: LoadReport[] = [];
    for (const spec of specs) reports.push(await loadOne(spec, 0));
    return reports;
  },

  async flush(name) {
    const entry = hosted.get(name);
    if (entry?.live) await enqueue(entry, async () => entry.live?.flush?.());
  },

  async close() {
    await Promise.all([...hosted.values()].map(shutDown));
  },

  async unload(keys) {
    const entries = keys.flatMap((key) => {
      const entry = hosted.get(key);
      hosted.delete(key);
      loadRetry.loaded(key);
      return entry ? [entry] : [];
    });
    await Promise.all(entries.map(shutDown));
  },

  heap: heapReport,
};

if (!parentPort) throw new Error('handle/handler-thread.js must run in a worker thread');
Comlink.expose(api, nodeEndpoint(parentPort));

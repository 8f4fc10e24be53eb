// Entry of a handler worker thread: hosts one or more handler instances (its group). Each
// handler processes its batches one at a time; different handlers run concurrently.
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createMetricSpecLookup, type HandlerDefinition, type HandlerInstance, type Sample } from '@spinel/sdk';
import { describeFailure } from '../collector-runner.js';
import { createLogger } from '../logger.js';
import { definitionFromModule } from '../plugins/definition.js';
import { decodeBatch, type EncodedBatch } from '../sample-codec.js';
import { heapReport } from './heap.js';
import type { HandlerAckMessage, HandlerBatchMessage, HandlerInstanceSpec, HandlerWorkerApi, LoadReport, WorkerBootData } from './protocol.js';

const boot = workerData as WorkerBootData;
const RECREATE_AFTER_MS = 5_000;

interface Hosted {
  spec: HandlerInstanceSpec;
  definition: HandlerDefinition;
  instance: HandlerInstance | undefined;
  lastAttempt: number;
  /** Serialises this handler's work: process, flush and close never overlap. */
  chain: Promise<void>;
}

const hosted = new Map<string, Hosted>();

async function create(entry: Hosted): Promise<HandlerInstance> {
  if (entry.instance) return entry.instance;
  entry.lastAttempt = Date.now();
  const log = createLogger({ level: boot.logLevel, scope: `handler ${entry.spec.instance}` });
  entry.instance = await entry.definition.create({ options: entry.spec.options as never, log, hostname: boot.hostname, now: () => Date.now() / 1000, metricSpec: createMetricSpecLookup(entry.spec.catalogues) });
  return entry.instance;
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

function ack(message: HandlerAckMessage): void {
  boot.port.postMessage(message);
}

boot.port.on('message', (message: HandlerBatchMessage) => {
  const entry = hosted.get(message.handler);
  if (!entry) {
    ack({ handler: message.handler, id: message.id, count: countOf(message), durationMs: 0, error: { name: 'Error', message: 'handler not loaded', code: 'SPINEL_HANDLER_FAILED' } });
    return;
  }
  void enqueue(entry, async () => {
    const started = performance.now();
    try {
      if (!entry.instance && Date.now() - entry.lastAttempt < RECREATE_AFTER_MS) throw new Error('handler is not available (create failed; retrying shortly)');
      const instance = await create(entry);
      await instance.process(decodeBatches(message.batches));
      ack({ handler: message.handler, id: message.id, count: countOf(message), durationMs: performance.now() - started, error: undefined });
    } catch (error) {
      ack({ handler: message.handler, id: message.id, count: countOf(message), durationMs: performance.now() - started, error: describeFailure(error) });
    }
  });
});

const api: HandlerWorkerApi = {
  async load(specs) {
    const reports: LoadReport[] = [];
    for (const spec of specs) {
      try {
        const namespace = (await import(spec.url)) as Record<string, unknown>;
        const definition = definitionFromModule(namespace, 'handler', spec.source) as HandlerDefinition;
        const entry: Hosted = { spec, definition, instance: undefined, lastAttempt: 0, chain: Promise.resolve() };
        hosted.set(spec.instance, entry);
        await create(entry);
        reports.push({ instance: spec.instance, error: undefined });
      } catch (error) {
        reports.push({ instance: spec.instance, error: describeFailure(error) });
      }
    }
    return reports;
  },

  async flush(name) {
    const entry = hosted.get(name);
    if (entry?.instance) await enqueue(entry, async () => entry.instance?.flush?.());
  },

  async close() {
    await Promise.all(
      [...hosted.values()].map((entry) =>
        enqueue(entry, async () => {
          await entry.instance?.flush?.();
          await entry.instance?.close?.();
          entry.instance = undefined;
        }).catch(() => undefined),
      ),
    );
  },

  heap: heapReport,
};

if (!parentPort) throw new Error('handler-worker must run in a worker thread');
Comlink.expose(api, nodeEndpoint(parentPort));

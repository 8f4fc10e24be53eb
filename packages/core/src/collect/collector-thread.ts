// Entry of a collector worker thread: hosts one or more collector instances (its group).
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createScrubber, type CollectorDefinition } from '@spinel/sdk';
import { CollectorRunner, describeFailure, type RunFailure, type RunResult } from './collector-runner.js';
import { createHostPaths } from '../support/host-paths.js';
import { createLogger } from '../support/logger.js';
import { definitionFromModule } from '../plugins/definition.js';
import { BatchEncoder, transferList, type EncodedBatch } from '../channel/encoded-batch.js';
import { trackDescriptors } from '../threads/descriptors.js';
import { heapReport, memoryNow } from '../threads/heap.js';
import { loadInThread, LoadRetry } from '../threads/load-retry.js';
import type {
  CollectRequest,
  CollectorInstanceSpec,
  CollectorThreadMessage,
  CollectorWorkerApi,
  FinishedRun,
  LoadReport,
  WorkerBootData,
} from '../channel/messages.js';

const boot = workerData as WorkerBootData;
trackDescriptors();
const scrub = createScrubber(boot.secrets);
const hostPaths = createHostPaths(boot.hostRoots);
const clock = (): number => Date.now() / 1000;
/** Bounds one message; a collector publishing 100k samples sends a few messages, not 100k. */
const CHUNK = 8192;

interface Hosted {
  spec: CollectorInstanceSpec;
  runner: CollectorRunner;
  ready: boolean;
}

const hosted = new Map<string, Hosted>();
const activity = new Int32Array(boot.activity);
/** Marks the entry `key` as the plugin whose code this thread runs now (see WorkerBootData.activity). */
let entering: (key: string) => void = () => undefined;

function send(message: CollectorThreadMessage, batches: readonly EncodedBatch[]): void {
  boot.port.postMessage(message, batches.flatMap(transferList));
}

/** Runs that ended since the last message; sent together once the current turn is over. */
let finished: FinishedRun[] = [];

function finish(run: FinishedRun): void {
  if (finished.length === 0) setImmediate(sendFinished);
  finished.push(run);
}

function sendFinished(): void {
  const runs = finished;
  finished = [];
  send(
    { kind: 'finished', runs, memory: memoryNow() },
    runs.flatMap((run) => (run.batch ? [run.batch] : [])),
  );
}

function noRun(error: RunFailure): RunResult {
  return { samples: 0, durationMs: 0, timedOut: false, rejected: 0, error };
}

async function ensureSetUp(entry: Hosted): Promise<void> {
  if (entry.ready) return;
  await entry.runner.setup();
  entry.ready = true;
}

const loadRetry = new LoadRetry<CollectorInstanceSpec>();

/** Imports and sets up one collector; a failed import is left for {@link loadRetry}. */
function loadOne(spec: CollectorInstanceSpec, attempt: number): Promise<LoadReport> {
  return loadInThread(spec, attempt, loadRetry, {
    prepare: (namespace) => {
      const definition = definitionFromModule(namespace, 'collector', spec.source) as CollectorDefinition;
      const log = createLogger({ level: boot.logLevel, redact: scrub, scope: `collector ${spec.key}` });
      return { spec, runner: new CollectorRunner(definition, spec.options as never, spec.settings, { clock, hostPaths, log }), ready: false };
    },
    host: (entry: Hosted) => hosted.set(spec.key, entry),
    // A failing setup (a daemon not up yet) is retried before each run, not fatal.
    start: (entry: Hosted) => ensureSetUp(entry),
  });
}

const api: CollectorWorkerApi = {
  async load(specs, keys) {
    const order = new Map(keys.map((key, index) => [key, index + 1]));
    entering = (key) => Atomics.store(activity, 0, order.get(key) ?? 0);
    const reports: LoadReport[] = [];
    for (const spec of specs) reports.push(await loadOne(spec, 0));
    return reports;
  },

  async unload(keys) {
    for (const key of keys) {
      const entry = hosted.get(key);
      hosted.delete(key);
      loadRetry.loaded(key);
      if (entry?.ready) await entry.runner.teardown().catch(() => undefined);
    }
  },

  heap: heapReport,

  async stop() {
    for (const entry of hosted.values()) await entry.runner.teardown().catch(() => undefined);
    hosted.clear();
  },
};

/** One scheduled run, ended by `finish` whatever happens; never rejects. */
async function collect(key: string): Promise<void> {
  const retry = hosted.has(key) ? undefined : loadRetry.due(key);
  if (retry) await loadOne(retry.spec, retry.attempt);
  const entry = hosted.get(key);
  if (!entry) {
    const failure = loadRetry.failure(key) ?? { name: 'Error', message: `no collector ${key} in this worker`, code: 'SPINEL_WORKER_FAILED' };
    finish({ key, result: noRun(failure), batch: undefined });
    return;
  }
  try {
    await ensureSetUp(entry);
  } catch (error) {
    finish({ key, result: noRun(describeFailure(error)), batch: undefined });
    return;
  }
  const encoder = new BatchEncoder(entry.spec.settings.collectorPath, entry.spec.settings.hostname, entry.runner.pathPrefix);
  entering(key);
  const result = await entry.runner.run((sample) => {
    entering(key);
    encoder.add(sample);
    if (encoder.size >= CHUNK) {
      const batch = encoder.take();
      send({ kind: 'chunk', key: key, batch }, [batch]);
    }
  });
  finish({ key, result, batch: encoder.size > 0 ? encoder.take() : undefined });
}

if (!parentPort) throw new Error('collect/collector-thread.js must run in a worker thread');
Comlink.expose(api, nodeEndpoint(parentPort));
// Due collectors run side by side: a collector waiting on a server does not hold up the others.
boot.port.on('message', (request: CollectRequest) => {
  for (const key of request.keys) void collect(key);
});

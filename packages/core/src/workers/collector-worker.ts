// Entry of a collector worker thread: hosts one or more collector instances (its group).
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { CollectorDefinition } from '@spinel/sdk';
import { CollectorRunner, describeFailure, type RunResult } from '../collector-runner.js';
import { createHostPaths } from '../host-paths.js';
import { createLogger } from '../logger.js';
import { definitionFromModule } from '../plugins/definition.js';
import { BatchEncoder, transferList } from '../sample-codec.js';
import { heapReport } from './heap.js';
import type { CollectorInstanceSpec, CollectorWorkerApi, LoadReport, SampleMessage, WorkerBootData } from './protocol.js';

const boot = workerData as WorkerBootData;
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

function post(instance: string, encoder: BatchEncoder): void {
  const batch = encoder.take();
  const message: SampleMessage = { instance, batch };
  boot.port.postMessage(message, transferList(batch));
}

async function ensureSetUp(entry: Hosted): Promise<void> {
  if (entry.ready) return;
  await entry.runner.setup();
  entry.ready = true;
}

const api: CollectorWorkerApi = {
  async load(specs) {
    const reports: LoadReport[] = [];
    for (const spec of specs) {
      try {
        const namespace = (await import(spec.url)) as Record<string, unknown>;
        const definition = definitionFromModule(namespace, 'collector', spec.source) as CollectorDefinition;
        const log = createLogger({ level: boot.logLevel, scope: `collector ${spec.instance}` });
        const runner = new CollectorRunner(definition, spec.options as never, spec.settings, { clock, hostPaths, log });
        const entry: Hosted = { spec, runner, ready: false };
        hosted.set(spec.instance, entry);
        // A failing setup (a daemon not up yet) is retried before each run, not fatal.
        await ensureSetUp(entry).catch((error: unknown) => reports.push({ instance: spec.instance, error: describeFailure(error) }));
        if (entry.ready) reports.push({ instance: spec.instance, error: undefined });
      } catch (error) {
        reports.push({ instance: spec.instance, error: describeFailure(error) });
      }
    }
    return reports;
  },

  async collect(instance): Promise<RunResult> {
    const entry = hosted.get(instance);
    if (!entry) return { samples: 0, durationMs: 0, timedOut: false, rejected: 0, error: { name: 'Error', message: `no collector ${instance} in this worker`, code: 'SPINEL_WORKER_FAILED' } };
    try {
      await ensureSetUp(entry);
    } catch (error) {
      return { samples: 0, durationMs: 0, timedOut: false, rejected: 0, error: describeFailure(error) };
    }
    const encoder = new BatchEncoder(entry.spec.settings.path, entry.spec.settings.hostname, entry.runner.pathPrefix);
    const result = await entry.runner.run((sample) => {
      encoder.add(sample);
      if (encoder.size >= CHUNK) post(instance, encoder);
    });
    if (encoder.size > 0) post(instance, encoder);
    return result;
  },

  heap: heapReport,

  async stop() {
    for (const entry of hosted.values()) await entry.runner.teardown().catch(() => undefined);
    hosted.clear();
  },
};

if (!parentPort) throw new Error('collector-worker must run in a worker thread');
Comlink.expose(api, nodeEndpoint(parentPort));

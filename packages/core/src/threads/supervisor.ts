import { MessageChannel, type Worker, type MessagePort } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { guarded } from '../support/guard.js';
import { withTimeout } from '../support/timeout.js';
import { isolateMemory } from './isolate-memory.js';
import { MemoryAccount } from './memory-account.js';
import { RestartPolicy } from './restart-policy.js';
import { bootData, pastLimit, spawnWorker, workerErrorReason } from './spawn.js';
import type { SupervisorOptions } from './supervisor-options.js';
import type { HeapReport, WorkerBootData, WorkerMemory } from '../channel/messages.js';

export type WorkerState = 'idle' | 'starting' | 'ready' | 'restarting' | 'stopped';
export type { SupervisorOptions };

/**
 * Owns one worker thread: starts it with a heap cap, talks to it over comlink, and when it
 * crashes, runs out of heap or is declared hung, terminates it and starts a fresh one after an
 * exponential backoff. Subclasses say what to load into a fresh worker and what to do with the
 * messages on its data port.
 */
export abstract class ThreadSupervisor<A extends object> {
  state: WorkerState = 'idle';
  restarts = 0;
  readonly memory: MemoryAccount;
  protected api: Comlink.Remote<A> | undefined;
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly restartPolicy: RestartPolicy;
  protected readonly controlTimeoutMs: number;
  /** See {@link WorkerBootData.activity}: read when the thread hangs. */
  private activity = new Int32Array(new SharedArrayBuffer(4));
  /** Resolves when the current start attempt finished (ready or failed). */
  private starting: Promise<void> | undefined;

  constructor(protected readonly options: SupervisorOptions) {
    this.restartPolicy = new RestartPolicy(options.backoff, options.stableAfterMs);
    this.memory = new MemoryAccount(options.onBusy);
    this.controlTimeoutMs = options.controlTimeoutMs ?? 10_000;
  }

  /** Loads plugins into a fresh worker; throwing marks the start failed (and retried). */
  protected abstract onStart(api: Comlink.Remote<A>): Promise<void>;
  /** A message on the data port (samples, or acks). */
  protected abstract onPortMessage(message: unknown): void;
  /** The worker went away; pending work must be failed or re-queued. */
  protected abstract onLost(reason: string): void;

  start(): Promise<void> {
    if (this.state === 'stopped') return Promise.resolve();
    this.state = 'starting';
    const channel = new MessageChannel();
    this.activity = new Int32Array(new SharedArrayBuffer(4));
    let worker: Worker;
    try {
      worker = spawnWorker(this.options, bootData(this.options, channel.port2, this.activity));
    } catch (error) {
      channel.port1.close();
      this.state = 'restarting'; // the restart timer's guard tries again after the backoff
      throw error;
    }
    this.worker = worker;
    this.port = channel.port1;
    const current = (): boolean => this.worker === worker && this.state !== 'stopped';
    // Messages count even while stopping: the final flush's acks arrive then.
    channel.port1.on(
      'message',
      this.supervised(worker, (message: unknown) => this.worker === worker && this.onPortMessage(message)),
    );
    const lost = (reason: string): void => void (current() && this.fail(reason));
    worker.on(
      'error',
      this.supervised(worker, (error: Error & { code?: string }) => lost(workerErrorReason(error, this.options.maxHeapMb))),
    );
    worker.on(
      'exit',
      this.supervised(worker, (code: number) => lost(`exited with code ${code}`)),
    );
    const api = Comlink.wrap<A>(nodeEndpoint(worker));
    this.api = api;
    this.starting = this.onStart(api).then(
      () => {
        if (this.worker === worker && this.state === 'starting') {
          this.state = 'ready';
          this.restartPolicy.up();
        }
      },
      (error: unknown) => {
        if (this.worker === worker) this.fail(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return this.starting;
  }

  /** The worker's memory as of its last run result or ack; undefined until one arrives after a (re)start. */
  get lastMemory(): WorkerMemory | undefined {
    return this.memory.last;
  }

  get name(): string {
    return this.options.group;
  }

  /** The heap and off-heap caps together: more growth than this under one run cannot be the worker's own. */
  get memoryCapBytes(): number {
    return (this.options.maxHeapMb + this.options.maxExternalMb) * 1048576;
  }

  /** What the worker's own isolate holds, heap plus off-heap; see {@link isolateMemory}. */
  readonly isolateMemory = (timeoutMs: number): Promise<number | undefined> => isolateMemory(this.worker, timeoutMs, `heap statistics of ${this.name}`);

  get maxDescriptors(): number {
    return this.options.maxDescriptors;
  }

  /** `handle` for an event or deadline of `worker`'s: an error in our own handling restarts that worker (its state is unknown). */
  protected supervised<A extends unknown[]>(
    worker: Worker | undefined,
    handle: (...args: A) => void,
    site: 'supervisor.event' | 'group.deadline' = 'supervisor.event',
  ): (...args: A) => void {
    return guarded(site, handle, (error) => {
      if (this.worker === worker)
        this.fail(`was restarted after an error in its supervision (${site}): ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  protected deadline(run: () => void, ms: number): NodeJS.Timeout {
    return setTimeout(this.supervised(this.worker, run, 'group.deadline'), ms);
  }

  /** Waits for the current start attempt (used at agent start-up). */
  async started(): Promise<void> {
    await this.starting;
  }

  /** A worker that hangs is useless: terminate it and start again after the backoff. */
  fail(reason: string, seenBytes?: number): void {
    if (this.state === 'stopped' || this.state === 'restarting') return;
    const delayMs = this.restartPolicy.down();
    this.options.log.error(`worker ${this.options.group} ${reason}; restarting in ${(delayMs / 1000).toFixed(1)} s`, { restarts: this.restarts + 1 });
    this.state = 'restarting';
    this.restarts++;
    this.memory.restarted(seenBytes);
    this.teardownWorker();
    this.onLost(reason);
    this.scheduleRestart(delayMs);
  }

  private scheduleRestart(delayMs = this.restartPolicy.again()): void {
    const restart = (): void => {
      this.restartTimer = undefined;
      if (this.state === 'restarting') void this.start();
    };
    this.restartTimer = setTimeout(
      guarded('supervisor.restart', restart, () => this.scheduleRestart()),
      delayMs,
    );
  }

  /** Load-order index of the plugin whose code the worker entered last, or undefined. */
  protected lastEnteredPlugin(): number | undefined {
    const marker = Atomics.load(this.activity, 0);
    return marker > 0 ? marker - 1 : undefined;
  }

  /** Records the memory a result or ack reported; a worker past one of its limits is restarted. */
  protected noteMemory(memory: WorkerMemory | undefined): void {
    if (!memory) return;
    this.memory.last = memory;
    const over = pastLimit(memory, this.options, this.specs);
    if (over) this.fail(over);
  }

  /** The plugins this worker hosts, in load order. */
  abstract get specs(): ReadonlyArray<{ key: string }>;

  /** A run or delivery went well: see {@link RestartPolicy.healthyRun}. */
  protected healthy(): void {
    this.restartPolicy.healthyRun();
  }

  protected postToPort(message: unknown, transfer: ArrayBuffer[] = []): boolean {
    if (!this.port || this.state !== 'ready') return false;
    this.port.postMessage(message, transfer);
    return true;
  }

  async heap(): Promise<HeapReport | undefined> {
    if (this.state !== 'ready' || !this.api) return undefined;
    const report = (this.api as unknown as { heap(): Promise<HeapReport> }).heap();
    return withTimeout(report, this.controlTimeoutMs, `heap of worker ${this.options.group}`).catch(() => undefined);
  }

  /** Calls `finalize` (flush, teardown) within the deadline, then terminates the thread. */
  async stop(finalize?: (api: Comlink.Remote<A>) => Promise<unknown>, deadlineMs = 5_000): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const api = this.api;
    const wasReady = this.state === 'ready';
    this.state = 'stopped';
    const unclean = (error: unknown): void =>
      this.options.log.warn(`worker ${this.options.group} did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
    if (wasReady && api && finalize) await withTimeout(finalize(api), deadlineMs, `stopping worker ${this.options.group}`).catch(unclean);
    this.teardownWorker();
  }

  private teardownWorker(): void {
    const api = this.api;
    this.api = undefined;
    // Release the proxy so comlink drops its listeners; the worker is going away anyway.
    if (api) void Promise.resolve(api[Comlink.releaseProxy]()).catch(() => undefined);
    this.port?.close();
    this.port = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

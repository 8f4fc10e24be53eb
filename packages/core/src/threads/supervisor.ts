import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Logger } from '@spinel/sdk';
import { Backoff } from '../support/backoff.js';
import { guarded } from '../support/guard.js';
import type { HostRoots } from '../support/host-paths.js';
import type { LogLevel } from '../support/logger.js';
import { withTimeout } from '../support/timeout.js';
import type { HeapReport, WorkerBootData, WorkerMemory } from '../channel/messages.js';

export type WorkerState = 'idle' | 'starting' | 'ready' | 'restarting' | 'stopped';

export interface SupervisorOptions {
  /** Group name, for logs and thread names. */
  group: string;
  entry: URL;
  maxHeapMb: number;
  /** Off-heap memory (Buffers, ArrayBuffers, native objects) past which the worker is restarted. */
  maxExternalMb: number;
  logLevel: LogLevel;
  hostRoots: HostRoots;
  hostname: string | undefined;
  log: Logger;
  /** Secret values scrubbed from the worker's log lines. */
  secrets: readonly string[];
  /** Milliseconds a control call (load, heap, flush) may take. */
  controlTimeoutMs?: number;
  backoff?: Backoff;
  /** How long a worker must stay up before a healthy run resets the restart backoff. */
  stableAfterMs?: number;
}

type Api = object;

/**
 * Owns one worker thread: starts it with a heap cap, talks to it over comlink, and when it
 * crashes, runs out of heap or is declared hung, terminates it and starts a fresh one after an
 * exponential backoff. Subclasses say what to load into a fresh worker and what to do with the
 * messages on its data port.
 */
export abstract class ThreadSupervisor<A extends Api> {
  state: WorkerState = 'idle';
  restarts = 0;
  /** The worker's memory as of its last run result or ack; undefined until one arrives after a (re)start. */
  lastMemory: WorkerMemory | undefined;
  protected api: Comlink.Remote<A> | undefined;
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  protected readonly controlTimeoutMs: number;
  /** See {@link WorkerBootData.activity}: read when the thread hangs. */
  private activity = new Int32Array(new SharedArrayBuffer(4));
  /** Resolves when the current start attempt finished (ready or failed). */
  private starting: Promise<void> | undefined;
  private readyAt: number | undefined;
  private readonly stableAfterMs: number;

  constructor(protected readonly options: SupervisorOptions) {
    this.backoff = options.backoff ?? new Backoff(500, 30_000);
    this.controlTimeoutMs = options.controlTimeoutMs ?? 10_000;
    this.stableAfterMs = options.stableAfterMs ?? 60_000;
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
    const boot: WorkerBootData = {
      port: channel.port2,
      logLevel: this.options.logLevel,
      hostRoots: this.options.hostRoots,
      hostname: this.options.hostname,
      secrets: [...this.options.secrets],
      activity: this.activity.buffer as SharedArrayBuffer,
    };
    let worker: Worker;
    try {
      worker = this.createWorker(boot);
    } catch (error) {
      channel.port1.close();
      this.state = 'restarting'; // the restart timer's guard tries again after the backoff
      throw error;
    }
    this.worker = worker;
    this.port = channel.port1;
    channel.port1.on(
      'message',
      this.supervised(worker, (message: unknown) => {
        if (this.worker === worker) this.onPortMessage(message);
      }),
    );
    worker.on(
      'error',
      this.supervised(worker, (error: Error & { code?: string }) => {
        if (this.worker !== worker) return;
        const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of heap (max_heap_mb ${this.options.maxHeapMb})` : `crashed: ${error.message}`;
        this.fail(reason);
      }),
    );
    worker.on(
      'exit',
      this.supervised(worker, (code: number) => {
        if (this.worker === worker && this.state !== 'stopped') this.fail(`exited with code ${code}`);
      }),
    );
    const api = Comlink.wrap<A>(nodeEndpoint(worker));
    this.api = api;
    this.starting = this.onStart(api).then(
      () => {
        if (this.worker === worker && this.state === 'starting') {
          this.state = 'ready';
          this.readyAt = performance.now();
        }
      },
      (error: unknown) => {
        if (this.worker === worker) this.fail(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return this.starting;
  }

  private createWorker(boot: WorkerBootData): Worker {
    return new Worker(this.options.entry, {
      workerData: boot,
      transferList: [boot.port],
      name: `spinel:${this.options.group}`,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb, maxYoungGenerationSizeMb: Math.min(8, Math.max(2, this.options.maxHeapMb / 16)) },
      stderr: false,
      stdout: false,
    });
  }

  get group(): string {
    return this.options.group;
  }

  /**
   * An event of `worker`'s, handled so that an error in our own handling restarts that worker
   * (its state is no longer known) instead of reaching the event loop.
   */
  protected supervised<A extends unknown[]>(worker: Worker | undefined, handle: (...args: A) => void): (...args: A) => void {
    return guarded('supervisor.event', handle, (error) => {
      if (worker === undefined || this.worker === worker) this.fail(`was restarted after an error in its supervision: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** A deadline timer for `worker`'s current incarnation; an error in it restarts the worker. */
  protected deadline(run: () => void, ms: number): NodeJS.Timeout {
    const worker = this.worker;
    return setTimeout(
      guarded('group.deadline', run, (error) => {
        if (this.worker === worker) this.fail(`was restarted after an error at a deadline: ${error instanceof Error ? error.message : String(error)}`);
      }),
      ms,
    );
  }

  /** Waits for the current start attempt (used at agent start-up). */
  async started(): Promise<void> {
    await this.starting;
  }

  /** A worker that hangs is useless: terminate it and start again after the backoff. */
  fail(reason: string): void {
    if (this.state === 'stopped' || this.state === 'restarting') return;
    const delayMs = this.backoff.next();
    this.options.log.error(`worker ${this.options.group} ${reason}; restarting in ${(delayMs / 1000).toFixed(1)} s`, { restarts: this.restarts + 1 });
    this.state = 'restarting';
    this.restarts++;
    this.readyAt = undefined;
    this.lastMemory = undefined;
    this.teardownWorker();
    this.onLost(reason);
    this.scheduleRestart(delayMs);
  }

  private scheduleRestart(delayMs = this.backoff.next()): void {
    const restart = guarded(
      'supervisor.restart',
      () => {
        this.restartTimer = undefined;
        if (this.state === 'restarting') void this.start();
      },
      () => this.scheduleRestart(),
    );
    this.restartTimer = setTimeout(restart, delayMs);
  }

  /** Load-order index of the plugin whose code the worker entered last, or undefined. */
  protected lastEnteredPlugin(): number | undefined {
    const marker = Atomics.load(this.activity, 0);
    return marker > 0 ? marker - 1 : undefined;
  }

  /** Records the memory a result or ack reported; off-heap memory past `maxExternalMb` restarts the worker. */
  protected noteMemory(memory: WorkerMemory | undefined): void {
    if (!memory) return;
    this.lastMemory = memory;
    const limit = this.options.maxExternalMb * 1024 * 1024;
    if (memory.externalBytes > limit) {
      this.fail(`holds ${Math.round(memory.externalBytes / 1048576)} MB off the heap (max_external_mb ${this.options.maxExternalMb})`);
    }
  }

  /**
   * A healthy run resets the backoff, so a rare crash restarts fast; but only once the worker has
   * been up for `stableAfterMs`, or a plugin that exits after every good run would be restarted
   * at the shortest delay forever.
   */
  protected healthy(): void {
    if (this.readyAt !== undefined && performance.now() - this.readyAt >= this.stableAfterMs) this.backoff.reset();
  }

  protected postToPort(message: unknown, transfer: ArrayBuffer[] = []): boolean {
    if (!this.port || this.state !== 'ready') return false;
    this.port.postMessage(message, transfer);
    return true;
  }

  async heap(): Promise<HeapReport | undefined> {
    if (this.state !== 'ready' || !this.api) return undefined;
    const api = this.api as unknown as { heap(): Promise<HeapReport> };
    return withTimeout(api.heap(), this.controlTimeoutMs, `heap of worker ${this.options.group}`).catch(() => undefined);
  }

  /** Calls `finalize` (flush, teardown) within the deadline, then terminates the thread. */
  async stop(finalize?: (api: Comlink.Remote<A>) => Promise<unknown>, deadlineMs = 5_000): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const api = this.api;
    const wasReady = this.state === 'ready';
    this.state = 'stopped';
    if (wasReady && api && finalize) {
      await withTimeout(finalize(api), deadlineMs, `stopping worker ${this.options.group}`).catch((error: unknown) =>
        this.options.log.warn(`worker ${this.options.group} did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    this.teardownWorker();
  }

  private teardownWorker(): void {
    const api = this.api;
    this.api = undefined;
    // Release the proxy so comlink drops its listeners; the worker is going away anyway.
    if (api) void Promise.resolve(api[Comlink.releaseProxy]()).catch(() => undefined);
    this.port?.close();
    this.port = undefined;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

import type * as Comlink from 'comlink/dist/esm/comlink.mjs';
import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { DeliveryAnswer } from '../deliver/target.js';
import { withTimeout } from '../support/timeout.js';
import type { HandlerAckMessage, HandlerInstanceSpec, HandlerWorkerApi, LoadReport } from '../channel/messages.js';
import { ThreadSupervisor, type SupervisorOptions } from '../threads/supervisor.js';

export interface HandlerGroupEvents {
  loaded(reports: LoadReport[]): void;
  /** The worker is ready (again): queued batches can flow. */
  ready(): void;
}

interface PendingDelivery {
  resolve(delivery: DeliveryAnswer): void;
  reject(reason: Error): void;
  timer: NodeJS.Timeout;
}

/** A worker thread running a group of handlers; batches go out on its port and acks come back. */
export class HandlerGroup extends ThreadSupervisor<HandlerWorkerApi> {
  private nextId = 1;
  private readonly pending = new Map<number, PendingDelivery>();

  constructor(
    options: SupervisorOptions,
    private entries: readonly HandlerInstanceSpec[],
    private readonly events: HandlerGroupEvents,
    /** Per handler: milliseconds one batch may take before the worker is declared hung. */
    private timeouts: ReadonlyMap<string, number>,
  ) {
    super(options);
  }

  /** The handlers this thread hosts (what a restart loads). */
  get specs(): readonly HandlerInstanceSpec[] {
    return this.entries;
  }

  /**
   * A reload: the `changed` and removed handlers are flushed and closed, the changed and added
   * ones created; the others keep running. Their queues live in the main thread and stay.
   */
  async update(next: readonly HandlerInstanceSpec[], changed: ReadonlySet<string>, timeouts: ReadonlyMap<string, number>): Promise<void> {
    const keys = new Set(next.map((s) => s.key));
    const gone = this.entries.filter((s) => !keys.has(s.key) || changed.has(s.key)).map((s) => s.key);
    const incoming = next.filter((s) => changed.has(s.key) || !this.entries.some((old) => old.key === s.key));
    this.entries = [...next];
    this.timeouts = timeouts;
    const api = this.api;
    if (this.state !== 'ready' || !api) return; // the next start loads `entries`
    if (gone.length === 0 && incoming.length === 0) return; // nothing to ask a busy (or hung) thread
    await withTimeout(api.unload(gone), this.controlTimeoutMs, `unloading handlers from ${this.options.group}`);
    this.events.loaded(await withTimeout(api.load(incoming), this.controlTimeoutMs, `loading handlers into ${this.options.group}`));
    queueMicrotask(() => this.events.ready());
  }

  protected async onStart(api: Comlink.Remote<HandlerWorkerApi>): Promise<void> {
    const reports = await withTimeout(api.load([...this.entries]), this.controlTimeoutMs, `loading handlers into ${this.options.group}`);
    this.events.loaded(reports);
    queueMicrotask(() => this.events.ready());
  }

  protected onPortMessage(message: unknown): void {
    const ack = message as HandlerAckMessage;
    const pending = this.pending.get(ack.id);
    if (!pending) return;
    this.forget(ack.id);
    clearTimeout(pending.timer);
    if (!ack.error) this.healthy();
    this.noteMemory(ack.memory);
    pending.resolve({ count: ack.count, durationMs: ack.durationMs, error: ack.error });
  }

  protected onLost(reason: string): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`handler worker ${this.options.group} ${reason}`));
    }
    this.pending.clear();
    this.memory.inFlight(0);
  }

  private forget(id: number): void {
    this.pending.delete(id);
    this.memory.inFlight(this.pending.size);
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /** Sends batches to a handler; rejects if the worker is lost or the handler hangs. */
  deliver(handler: string, batches: readonly EncodedBatch[]): Promise<DeliveryAnswer> {
    const id = this.nextId++;
    return new Promise<DeliveryAnswer>((resolve, reject) => {
      const timeoutMs = this.timeouts.get(handler) ?? 30_000;
      const timer = this.deadline(() => {
        this.forget(id);
        reject(new Error(`handler ${handler} did not finish a batch within ${timeoutMs} ms`));
        this.fail(`is hung: handler ${handler} did not finish a batch within ${timeoutMs} ms`);
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.memory.inFlight(this.pending.size);
      // Copied, not transferred: the same batch goes to every handler queue.
      if (!this.postToPort({ handler, id, batches: [...batches] })) {
        clearTimeout(timer);
        this.forget(id);
        reject(new Error(`handler worker ${this.options.group} is not ready`));
      }
    });
  }

  async flush(handler: string): Promise<void> {
    if (this.state !== 'ready' || !this.api) return;
    await withTimeout(this.api.flush(handler), this.controlTimeoutMs, `flushing ${handler}`);
  }

  closeAll(deadlineMs: number): Promise<void> {
    return this.stop((api) => api.close(), deadlineMs);
  }
}

import type * as Comlink from 'comlink/dist/esm/comlink.mjs';
import type { RunResult } from './collector-runner.js';
import type { EncodedBatch } from '../channel/encoded-batch.js';
import { withTimeout } from '../support/timeout.js';
import type { CollectRequest, CollectorInstanceSpec, CollectorThreadMessage, CollectorWorkerApi, LoadReport } from '../channel/messages.js';
import { ThreadSupervisor, type SupervisorOptions } from '../threads/supervisor.js';

/** Why a scheduled run produced no result. */
export type RunOutcome = { kind: 'ran'; result: RunResult } | { kind: 'unavailable' } | { kind: 'hung' } | { kind: 'lost'; reason: string };

export interface CollectorGroupEvents {
  samples(batch: EncodedBatch): void;
  loaded(reports: LoadReport[]): void;
}

/** Seconds past a run's own deadline before its worker is declared hung and replaced. */
const HANG_GRACE_MS = 2_000;

/** A run sent to the worker and not yet answered. */
interface Outstanding {
  sentAt: number;
  settle(outcome: RunOutcome): void;
  timer: NodeJS.Timeout;
}

/**
 * A worker thread running a group of collectors; see {@link ThreadSupervisor}. Runs asked for in
 * the same turn of the event loop (the scheduler fires every collector due at a tick in one pass)
 * go to the worker as one CollectRequest, and their results come back with their samples.
 */
export class CollectorGroup extends ThreadSupervisor<CollectorWorkerApi> {
  private readonly outstanding = new Map<string, Outstanding>();
  /** Asked for in this turn, not yet sent. */
  private due: string[] = [];

  constructor(
    options: SupervisorOptions,
    private entries: readonly CollectorInstanceSpec[],
    private readonly events: CollectorGroupEvents,
  ) {
    super(options);
  }

  /** The collectors this thread hosts (what a restart loads). */
  get specs(): readonly CollectorInstanceSpec[] {
    return this.entries;
  }

  protected async onStart(api: Comlink.Remote<CollectorWorkerApi>): Promise<void> {
    const reports = await withTimeout(
      api.load(
        [...this.entries],
        this.entries.map((s) => s.key),
      ),
      this.controlTimeoutMs,
      `loading collectors into ${this.options.group}`,
    );
    this.events.loaded(reports);
  }

  /**
   * A reload: the `changed` and removed collectors are torn down, the changed and added ones
   * loaded; the others keep running in the same thread, their state (previous counters) intact.
   */
  async update(next: readonly CollectorInstanceSpec[], changed: ReadonlySet<string>): Promise<void> {
    const keys = new Set(next.map((s) => s.key));
    const gone = this.entries.filter((s) => !keys.has(s.key) || changed.has(s.key)).map((s) => s.key);
    const incoming = next.filter((s) => changed.has(s.key) || !this.entries.some((old) => old.key === s.key));
    this.entries = [...next];
    for (const key of gone) this.settle(key, { kind: 'lost', reason: 'its config was reloaded' });
    const api = this.api;
    if (this.state !== 'ready' || !api) return; // the next start loads `entries`
    if (gone.length === 0 && incoming.length === 0) return; // nothing to ask a busy (or hung) thread
    await withTimeout(api.unload(gone), this.controlTimeoutMs, `unloading collectors from ${this.options.group}`);
    const reports = await withTimeout(
      api.load(
        incoming,
        next.map((s) => s.key),
      ),
      this.controlTimeoutMs,
      `loading collectors into ${this.options.group}`,
    );
    this.events.loaded(reports);
  }

  protected onPortMessage(data: unknown): void {
    const message = data as CollectorThreadMessage;
    if (message.kind === 'chunk') {
      this.events.samples(message.batch);
      return;
    }
    this.noteMemory(message.memory);
    for (const run of message.runs) {
      if (run.batch) this.events.samples(run.batch);
      if (!run.result.error) this.healthy();
      this.settle(run.key, { kind: 'ran', result: run.result });
    }
  }

  protected onLost(reason: string): void {
    this.due = [];
    for (const key of [...this.outstanding.keys()]) this.settle(key, { kind: 'lost', reason });
  }

  /** Runs one collection; a worker that overruns the deadline plus grace is replaced. */
  collect(key: string, timeoutSeconds: number): Promise<RunOutcome> {
    if (this.state !== 'ready' || this.outstanding.has(key)) return Promise.resolve({ kind: 'unavailable' });
    const limit = timeoutSeconds * 1000 + HANG_GRACE_MS;
    return new Promise<RunOutcome>((resolve) => {
      const timer = this.deadline(() => {
        const reason = this.hangReason(key, limit);
        this.settle(key, { kind: 'hung' });
        this.fail(reason);
      }, limit);
      this.outstanding.set(key, { sentAt: performance.now(), settle: resolve, timer });
      this.memory.inFlight(this.outstanding.size);
      if (this.due.length === 0) queueMicrotask(() => this.sendDue());
      this.due.push(key);
    });
  }

  private sendDue(): void {
    const request: CollectRequest = { keys: this.due };
    this.due = [];
    if (request.keys.length > 0 && !this.postToPort(request)) {
      for (const key of request.keys) this.settle(key, { kind: 'unavailable' });
    }
  }

  private settle(key: string, outcome: RunOutcome): void {
    const run = this.outstanding.get(key);
    if (!run) return;
    this.outstanding.delete(key);
    this.memory.inFlight(this.outstanding.size);
    clearTimeout(run.timer);
    run.settle(outcome);
  }

  /**
   * Names the collector that blocks the thread: the one whose code the worker entered last, if
   * its run is still out, else the run out longest. The one that timed out may only be waiting.
   */
  private hangReason(timedOut: string, limitMs: number): string {
    const marked = this.specs[this.lastEnteredPlugin() ?? -1]?.key;
    let culprit = marked !== undefined && this.outstanding.has(marked) ? marked : undefined;
    if (!culprit) {
      let oldest = Number.POSITIVE_INFINITY;
      for (const [key, run] of this.outstanding) if (run.sentAt < oldest) [culprit, oldest] = [key, run.sentAt];
    }
    if (!culprit || culprit === timedOut) return `is hung: collector ${timedOut} did not return within ${limitMs} ms`;
    const seconds = ((performance.now() - (this.outstanding.get(culprit)?.sentAt ?? 0)) / 1000).toFixed(1);
    return `is hung: collector ${culprit} has been running on the thread for ${seconds} s; collector ${timedOut} did not return within ${limitMs} ms behind it`;
  }

  async stopAll(deadlineMs: number): Promise<void> {
    await this.stop((api) => api.stop(), deadlineMs);
    this.onLost('the agent is stopping');
  }
}

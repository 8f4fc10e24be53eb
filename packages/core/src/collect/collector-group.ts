import type * as Comlink from 'comlink/dist/esm/comlink.mjs';
import type { RunResult } from './collector-runner.js';
import type { EncodedBatch } from '../channel/encoded-batch.js';
import { TimeoutError, withTimeout } from '../support/timeout.js';
import type { CollectorInstanceSpec, CollectorWorkerApi, LoadReport, SampleMessage } from '../channel/messages.js';
import { ThreadSupervisor, type SupervisorOptions } from '../threads/supervisor.js';

/** Why a scheduled run produced no result. */
export type RunOutcome =
  | { kind: 'ran'; result: RunResult }
  | { kind: 'unavailable' }
  | { kind: 'hung' }
  | { kind: 'lost'; reason: string };

export interface CollectorGroupEvents {
  samples(batch: EncodedBatch): void;
  loaded(reports: LoadReport[]): void;
}

/** Seconds past a run's own deadline before its worker is declared hung and replaced. */
const HANG_GRACE_MS = 2_000;

/** A worker thread running a group of collectors; see {@link ThreadSupervisor}. */
export class CollectorGroup extends ThreadSupervisor<CollectorWorkerApi> {
  private readonly pending = new Set<(reason: string) => void>();
  /** Runs out on the worker, with when each was sent. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    options: SupervisorOptions,
    readonly specs: readonly CollectorInstanceSpec[],
    private readonly events: CollectorGroupEvents,
  ) {
    super(options);
  }

  protected async onStart(api: Comlink.Remote<CollectorWorkerApi>): Promise<void> {
    const reports = await withTimeout(api.load([...this.specs]), this.controlTimeoutMs, `loading collectors into ${this.options.group}`);
    this.events.loaded(reports);
  }

  protected onPortMessage(message: unknown): void {
    this.events.samples((message as SampleMessage).batch);
  }

  protected onLost(reason: string): void {
    for (const reject of this.pending) reject(reason);
    this.pending.clear();
  }

  /** Runs one collection; a worker that overruns the deadline plus grace is replaced. */
  async collect(instance: string, timeoutSeconds: number): Promise<RunOutcome> {
    const api = this.api;
    if (this.state !== 'ready' || !api) return { kind: 'unavailable' };
    const limit = timeoutSeconds * 1000 + HANG_GRACE_MS;
    let lost: (reason: string) => void = () => undefined;
    const lostPromise = new Promise<RunOutcome>((resolve) => {
      lost = (reason) => resolve({ kind: 'lost', reason });
    });
    this.pending.add(lost);
    this.inFlight.set(instance, performance.now());
    try {
      const result = await Promise.race([
        withTimeout(api.collect(instance), limit, `collector ${instance}`).then((response): RunOutcome => {
          const { memory, ...run } = response;
          this.noteMemory(memory);
          return { kind: 'ran', result: run };
        }),
        lostPromise,
      ]);
      if (result.kind === 'ran' && !result.result.error) this.healthy();
      return result;
    } catch (error) {
      if (error instanceof TimeoutError) {
        this.fail(this.hangReason(instance, limit));
        return { kind: 'hung' };
      }
      return { kind: 'lost', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      this.pending.delete(lost);
      this.inFlight.delete(instance);
    }
  }

  /**
   * Names the collector that blocks the thread: the one whose code the worker entered last, if
   * its run is still out, else the run out longest. The one that timed out may only be waiting.
   */
  private hangReason(timedOut: string, limitMs: number): string {
    const marked = this.specs[this.lastEnteredPlugin() ?? -1]?.key;
    let culprit = marked !== undefined && this.inFlight.has(marked) ? marked : undefined;
    if (!culprit) {
      let oldest = Number.POSITIVE_INFINITY;
      for (const [instance, sentAt] of this.inFlight) if (sentAt < oldest) [culprit, oldest] = [instance, sentAt];
    }
    if (!culprit || culprit === timedOut) return `is hung: collector ${timedOut} did not return within ${limitMs} ms`;
    const seconds = ((performance.now() - (this.inFlight.get(culprit) ?? 0)) / 1000).toFixed(1);
    return `is hung: collector ${culprit} has been running on the thread for ${seconds} s; collector ${timedOut} did not return within ${limitMs} ms behind it`;
  }

  stopAll(deadlineMs: number): Promise<void> {
    return this.stop((api) => api.stop(), deadlineMs);
  }
}

import type { DeliveryObserver, DropReason } from '../deliver/target.js';
import type { ErrorObserver } from '../support/logger.js';

export interface Problem {
  message: string;
  stack?: string | undefined;
  /** Unix ms. */
  at: number;
}

export interface CollectorBoard {
  lastRunAt?: number;
  lastDurationMs?: number;
  lastSamples?: number;
  nextDueAt?: number;
  /** The last run (or load) failed and no run has succeeded since. */
  failing: boolean;
  lastError?: Problem;
}

export interface HandlerBoard {
  lastWriteAt?: number;
  /** The last delivery failed and none has succeeded since. */
  failing: boolean;
  lastError?: Problem;
  droppedBy: Partial<Record<DropReason, number>>;
  lastDropAt?: number;
}

export interface ReloadRecord {
  at: number;
  ok: boolean;
  message: string;
}

const COLLECTOR_KINDS = new Set(['run', 'skip']);
const HANDLER_KINDS = new Set(['process', 'lost', 'drop', 'spool']);
const KEEP_RELOADS = 10;

/**
 * What the status page shows beyond the telemetry counters: each plugin's last run or write,
 * its last error with time and stack, drops by reason, recent reloads. Bounded by the config
 * (one record per entry), not by traffic. Fed by the agent's rate-limited error log (every
 * plugin failure passes through it), the delivery queues and the schedule.
 */
export class StatusBoard implements DeliveryObserver, ErrorObserver {
  readonly collectors = new Map<string, CollectorBoard>();
  readonly handlers = new Map<string, HandlerBoard>();
  readonly reloads: ReloadRecord[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  collector(key: string): CollectorBoard {
    let board = this.collectors.get(key);
    if (!board) this.collectors.set(key, (board = { failing: false }));
    return board;
  }

  handler(key: string): HandlerBoard {
    let board = this.handlers.get(key);
    if (!board) this.handlers.set(key, (board = { failing: false, droppedBy: {} }));
    return board;
  }

  collectorRan(key: string, run: { durationMs: number; samples: number; failed: boolean }, intervalMs: number): void {
    const board = this.collector(key);
    const now = this.now();
    board.lastRunAt = now;
    board.lastDurationMs = run.durationMs;
    board.lastSamples = run.samples;
    board.nextDueAt = now + intervalMs;
    if (!run.failed) board.failing = false;
  }

  delivered(handler: string): void {
    const board = this.handler(handler);
    board.lastWriteAt = this.now();
    board.failing = false;
  }

  dropped(handler: string, reason: DropReason, samples: number): void {
    const board = this.handler(handler);
    board.droppedBy[reason] = (board.droppedBy[reason] ?? 0) + samples;
    board.lastDropAt = this.now();
  }

  /** An error of the agent's error log: `<kind>:<entry key>`. */
  problem(key: string, message: string, stack: string | undefined): void {
    const at = key.indexOf(':');
    const kind = key.slice(0, at);
    const entry = key.slice(at + 1);
    const problem = { message, stack, at: this.now() };
    if (COLLECTOR_KINDS.has(kind) || (kind === 'load' && this.collectors.has(entry))) {
      const board = this.collector(entry);
      board.lastError = problem;
      if (kind !== 'skip') board.failing = true;
    } else if (HANDLER_KINDS.has(kind) || (kind === 'load' && this.handlers.has(entry))) {
      const board = this.handler(entry);
      board.lastError = problem;
      if (kind === 'process' || kind === 'lost') board.failing = true;
    }
  }

  reloaded(ok: boolean, message: string): void {
    this.reloads.push({ at: this.now(), ok, message });
    if (this.reloads.length > KEEP_RELOADS) this.reloads.shift();
  }
}

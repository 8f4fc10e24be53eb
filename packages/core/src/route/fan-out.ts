import type { EncodedBatch } from '../channel/encoded-batch.js';
import type { HandlerQueue } from '../deliver/handler-queue.js';

/** Fans every batch out to every handler's bounded queue. */
export class FanOut {
  private readonly queues = new Map<string, HandlerQueue>();
  /** Sees every batch before the queues do (the status page's metric browser). */
  observer: ((batch: EncodedBatch) => void) | undefined;
  /** Batches for handlers a reload is replacing, kept until their new queue is attached. */
  private readonly held = new Map<string, EncodedBatch[]>();

  attach(queue: HandlerQueue): void {
    this.queues.set(queue.handler, queue);
  }

  queue(handler: string): HandlerQueue | undefined {
    return this.queues.get(handler);
  }

  /** A removed handler's queue: no more batches reach it. */
  detach(handler: string): void {
    this.queues.delete(handler);
  }

  publish(batch: EncodedBatch): void {
    this.observer?.(batch);
    for (const queue of this.queues.values()) queue.push(batch);
    for (const batches of this.held.values()) batches.push(batch);
  }

  /**
   * A reload replaces this handler: from now until {@link release}, its batches are kept here
   * (its old queue is detached and drained meanwhile, a matter of seconds), so none is lost.
   */
  hold(handler: string): void {
    this.held.set(handler, []);
  }

  /** Hands what was held to the handler's new queue (where its bounds apply); returns how many batches. */
  release(handler: string): number {
    const batches = this.held.get(handler) ?? [];
    this.held.delete(handler);
    const queue = this.queues.get(handler);
    for (const batch of batches) queue?.push(batch);
    return batches.length;
  }

  /** Nudges the queues whose handlers live in a worker that just became ready. */
  resume(handlers: readonly string[]): void {
    for (const handler of handlers) this.queues.get(handler)?.pump();
  }

  /**
   * Shutdown, after the drain: stops timers and moves what is left to each handler's spool (or
   * counts it as dropped). Returns the totals.
   */
  stop(): { spooled: number; dropped: number } {
    const total = { spooled: 0, dropped: 0 };
    for (const queue of this.queues.values()) {
      const left = queue.stop();
      total.spooled += left.spooled;
      total.dropped += left.dropped;
    }
    return total;
  }

  /** Sends everything queued now and waits until it is out or the deadline passes; true when all drained. */
  async drain(deadlineMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
    const drained = Promise.all([...this.queues.values()].map((q) => q.drain())).then(() => true as const);
    const result = await Promise.race([drained, expired]);
    clearTimeout(timer);
    return result;
  }
}

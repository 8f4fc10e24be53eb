import type { EncodedBatch } from '../sample-codec.js';
import type { HandlerQueue } from './handler-queue.js';

/** Fans every batch out to every handler's bounded queue. */
export class Router {
  private readonly queues = new Map<string, HandlerQueue>();

  attach(queue: HandlerQueue): void {
    this.queues.set(queue.handler, queue);
  }

  publish(batch: EncodedBatch): void {
    for (const queue of this.queues.values()) queue.push(batch);
  }

  /** Nudges the queues whose handlers live in a worker that just became ready. */
  resume(handlers: readonly string[]): void {
    for (const handler of handlers) this.queues.get(handler)?.pump();
  }

  /** Cancels pending retries (at shutdown, after the drain). */
  stop(): void {
    for (const queue of this.queues.values()) queue.stop();
  }

  /** Waits until every queue is empty or the deadline passes; true when all drained. */
  async drain(deadlineMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
    const drained = Promise.all([...this.queues.values()].map((q) => q.whenIdle())).then(() => true as const);
    const result = await Promise.race([drained, expired]);
    clearTimeout(timer);
    return result;
  }
}

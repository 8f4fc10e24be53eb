export interface ScheduledJob {
  name: string;
  intervalMs: number;
  /** Delay of the first run; staggers collectors so they do not all fire together. */
  offsetMs: number;
  run(): Promise<void>;
  /** The previous run was still going when this one was due. */
  onSkip(): void;
}

/**
 * Fixed-rate scheduling without drift: run k is due at start + offset + k * interval. A run that
 * is still going when the next is due makes that next one a counted skip, never a pile-up.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  add(job: ScheduledJob): void {
    this.arm(job, this.now() + job.offsetMs);
  }

  private arm(job: ScheduledJob, dueAt: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => this.fire(job, dueAt), Math.max(0, dueAt - this.now()));
    this.timers.set(job.name, timer);
  }

  private fire(job: ScheduledJob, dueAt: number): void {
    if (this.stopped) return;
    if (this.running.has(job.name)) {
      job.onSkip();
    } else {
      const run = job
        .run()
        .catch(() => undefined)
        .finally(() => this.running.delete(job.name));
      this.running.set(job.name, run);
    }
    let next = dueAt + job.intervalMs;
    const now = this.now();
    // After a long stall (a suspended VM), realign instead of firing a burst of catch-up runs.
    if (next < now) next = now + job.intervalMs - ((now - dueAt) % job.intervalMs);
    this.arm(job, next);
  }

  /** Stops scheduling and waits up to `graceMs` for runs in flight. */
  async stop(graceMs = 2_000): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    const inFlight = Promise.allSettled([...this.running.values()]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([inFlight, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }
}

/** A stable offset in [0, spreadMs) from a name, so restarts keep the same stagger. */
export function staggerOffset(name: string, spreadMs: number): number {
  if (spreadMs <= 0) return 0;
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619) >>> 0;
  return hash % Math.floor(spreadMs);
}

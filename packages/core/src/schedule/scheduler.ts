import { faultPoint, guarded, reportGuardedError } from '../support/guard.js';

export interface ScheduledJob {
  name: string;
  intervalMs: number;
  /** Delay of the first run; staggers collectors so they do not all fire together. */
  offsetMs: number;
  run(): Promise<void>;
  /** The previous run was still going when this one was due. */
  onSkip(): void;
}

/** Jobs that share an interval and an offset: one timer wakes them all. */
interface Tick {
  jobs: ScheduledJob[];
  intervalMs: number;
  timer: NodeJS.Timeout | undefined;
  /** When the armed timer is due; a tick whose firing failed before re-arming is armed again from it. */
  dueAt: number;
}

/**
 * Fixed-rate scheduling without drift: run k is due at start + offset + k * interval. A run that
 * is still going when the next is due makes that next one a counted skip, never a pile-up.
 * Jobs with the same interval and offset share one timer and fire in one pass, so a collector
 * thread is woken once per tick for all of its collectors that are due (see CollectorGroup).
 */
export class Scheduler {
  private readonly ticks = new Map<string, Tick>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  add(job: ScheduledJob): void {
    const key = `${job.intervalMs}/${job.offsetMs}`;
    const tick = this.ticks.get(key);
    if (tick) {
      tick.jobs.push(job);
      return;
    }
    const fresh: Tick = { jobs: [job], intervalMs: job.intervalMs, timer: undefined, dueAt: 0 };
    this.ticks.set(key, fresh);
    this.arm(fresh, this.now() + job.offsetMs);
  }

  /** Takes a job off the schedule (a reload); a run in flight finishes on its own. */
  remove(name: string): void {
    for (const [key, tick] of this.ticks) {
      tick.jobs = tick.jobs.filter((job) => job.name !== name);
      if (tick.jobs.length > 0) continue;
      clearTimeout(tick.timer);
      this.ticks.delete(key);
    }
  }

  private arm(tick: Tick, dueAt: number): void {
    if (this.stopped) return;
    tick.dueAt = dueAt;
    const fire = guarded(
      'scheduler.tick',
      () => this.fire(tick, dueAt),
      () => tick.dueAt === dueAt && this.arm(tick, this.nextDue(tick, dueAt)),
    );
    tick.timer = setTimeout(fire, Math.max(0, dueAt - this.now()));
  }

  /** Re-arms first, so a job that throws as it starts cannot take its tick off the schedule. */
  private fire(tick: Tick, dueAt: number): void {
    if (this.stopped) return;
    this.arm(tick, this.nextDue(tick, dueAt));
    for (const job of [...tick.jobs]) {
      try {
        this.start(job);
      } catch (error) {
        reportGuardedError('scheduler.tick', error);
      }
    }
  }

  private nextDue(tick: Tick, dueAt: number): number {
    const next = dueAt + tick.intervalMs;
    const now = this.now();
    // After a long stall (a suspended VM), realign instead of firing a burst of catch-up runs.
    return next < now ? now + tick.intervalMs - ((now - dueAt) % tick.intervalMs) : next;
  }

  private start(job: ScheduledJob): void {
    if (this.running.has(job.name)) {
      job.onSkip();
      return;
    }
    let started: Promise<void>;
    try {
      faultPoint('scheduler.run');
      started = job.run();
    } catch (error) {
      started = Promise.reject(error);
    }
    // A run's own failures are outcomes it records; a rejection here is a fault of the agent's.
    const run = started.catch((error: unknown) => reportGuardedError('scheduler.run', error)).finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
  }

  /** Stops scheduling and waits up to `graceMs` for runs in flight. */
  async stop(graceMs = 2_000): Promise<void> {
    this.stopped = true;
    for (const tick of this.ticks.values()) clearTimeout(tick.timer);
    this.ticks.clear();
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

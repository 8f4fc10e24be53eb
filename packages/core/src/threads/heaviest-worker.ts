import type { ThreadSupervisor } from './supervisor.js';

/** The worker with the largest positive `measure`, and that measure; undefined when none has any. */
export function heaviestWorker(
  workers: ReadonlyArray<ThreadSupervisor<object>>,
  measure: (worker: ThreadSupervisor<object>) => number,
): { worker: ThreadSupervisor<object>; amount: number } | undefined {
  let heaviest: { worker: ThreadSupervisor<object>; amount: number } | undefined;
  for (const worker of workers) {
    const amount = measure(worker);
    if (amount > (heaviest?.amount ?? 0)) heaviest = { worker, amount };
  }
  return heaviest;
}

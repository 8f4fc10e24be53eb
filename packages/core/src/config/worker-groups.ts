/** Groups entries by worker name, keeping config order. */
export function groupByWorker<E extends { worker: string }>(entries: readonly E[]): Map<string, E[]> {
  const groups = new Map<string, E[]>();
  for (const entry of entries) groups.set(entry.worker, [...(groups.get(entry.worker) ?? []), entry]);
  return groups;
}

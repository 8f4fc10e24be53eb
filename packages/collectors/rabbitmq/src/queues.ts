/** What the management API says of a queue (GET /api/queues); only the fields chosen on. */
export interface QueueDocument {
  name: string;
  vhost: string;
  [key: string]: unknown;
}

export interface QueueSelection {
  /** Whole-name patterns; empty: every queue. */
  queues: readonly RegExp[];
  ignored: readonly RegExp[];
  /** Diamond's [vhosts]: vhost (or `*`) to the queue names it publishes (empty: all). */
  vhosts: Readonly<Record<string, readonly string[]>>;
}

/** Whole-name regular expressions: a plain queue name matches only itself, as Diamond's did. */
export function wholeName(patterns: readonly string[]): RegExp[] {
  return patterns.map((pattern) => new RegExp(`^(?:${pattern})$`));
}

/**
 * The queues to publish, in the API's order: with `vhosts` empty (Diamond's legacy mode) every
 * vhost's; otherwise the vhosts it names (`*` standing for the rest), each narrowed to its queue
 * names; then `queues` and `queues_ignored`.
 */
export function selectQueues(all: readonly QueueDocument[], selection: QueueSelection): QueueDocument[] {
  const legacy = Object.keys(selection.vhosts).length === 0;
  return all.filter((queue) => {
    if (!legacy) {
      const names = selection.vhosts[queue.vhost] ?? selection.vhosts['*'];
      if (names === undefined) return false;
      if (names.length > 0 && !names.includes(queue.name)) return false;
    }
    if (selection.queues.length > 0 && !selection.queues.some((re) => re.test(queue.name))) return false;
    return !selection.ignored.some((re) => re.test(queue.name));
  });
}

export function isQueueList(value: unknown): value is QueueDocument[] {
  return (
    Array.isArray(value) &&
    value.every((q) => q !== null && typeof q === 'object' && typeof (q as QueueDocument).name === 'string' && typeof (q as QueueDocument).vhost === 'string')
  );
}

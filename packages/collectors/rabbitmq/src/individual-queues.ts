import { SpinelError } from '@spinel/sdk';
import type { HttpSource } from '@spinel/http';
import type { QueueDocument } from './queues.js';

export interface IndividualQueues {
  /** Queue names for every vhost (Diamond's legacy `queues`), when `vhosts` is empty. */
  queues: readonly string[];
  /** Diamond's [vhosts]: vhost (or `*`) to its queue names. */
  vhosts: Readonly<Record<string, readonly string[]>>;
  ignored: readonly RegExp[];
}

/** Which queues of which vhosts to ask for: every vhost with `queues`, or the vhosts `vhosts` names (`*` standing for the rest). */
function plan(vhostNames: readonly string[], want: IndividualQueues): Array<[vhost: string, queues: readonly string[]]> {
  const named = Object.keys(want.vhosts);
  if (named.length === 0) return vhostNames.map((vhost) => [vhost, want.queues]);
  const rest = want.vhosts['*'];
  return [
    ...Object.entries(want.vhosts).filter(([vhost]) => vhost !== '*'),
    ...(rest ? vhostNames.filter((vhost) => !named.includes(vhost)).map((vhost): [string, readonly string[]] => [vhost, rest]) : []),
  ];
}

/**
 * Diamond's `query_individual_queues`: each queue named asked for on its own
 * (`GET /api/queues/<vhost>/<queue>`) instead of listing every queue of the broker, for a broker
 * with thousands of queues of which a few matter. A queue that is not there (HTTP 404) is left
 * out, as Diamond's client returned nothing for it.
 */
export async function readIndividualQueues(api: HttpSource, want: IndividualQueues, signal: AbortSignal): Promise<QueueDocument[]> {
  const listed = await api.getJson('/vhosts', signal);
  const vhostNames = Array.isArray(listed)
    ? listed.flatMap((v: unknown) =>
        v !== null && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' ? [(v as { name: string }).name] : [],
      )
    : [];
  const found: QueueDocument[] = [];
  for (const [vhost, queues] of plan(vhostNames, want)) {
    for (const queue of queues) {
      if (want.ignored.some((re) => re.test(queue))) continue;
      const path = `/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`;
      try {
        found.push({ ...(await api.getJsonObject(path, signal)), name: queue, vhost });
      } catch (error) {
        if (error instanceof SpinelError && / answered HTTP 404/.test(error.message)) continue;
        throw error;
      }
    }
  }
  return found;
}

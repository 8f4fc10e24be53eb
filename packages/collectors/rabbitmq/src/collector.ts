import { defineCollector, SpinelError, type CollectContext } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { jsonLeaves } from '@spinel/plugin-kit';
import { catalogue, HEALTH } from './catalogue.js';
import { options } from './options.js';
import { readIndividualQueues } from './individual-queues.js';
import { isQueueList, selectQueues, wholeName, type QueueDocument } from './queues.js';

type Ctx = CollectContext<typeof options>;

export interface RabbitResources {
  api: HttpSource;
  /** Whether max_queues has been said to be exceeded (said once, not every run). */
  warnedTooMany: boolean;
}

/** Every numeric leaf under `prefix`, as Diamond's _publish_metrics: objects walked, lists not. */
function publishLeaves(ctx: Ctx, prefix: string, document: unknown): void {
  for (const { name, value } of jsonLeaves(document).leaves)
    ctx.publish(prefix === '' ? name : `${prefix}.${name}`, value, { precision: Number.isInteger(value) ? 0 : 2 });
}

export default defineCollector({
  name: 'rabbitmq',
  description: "RabbitMQ overview totals, every queue's figures and node health from the management API (Diamond RabbitMQCollector's names).",
  path: 'rabbitmq',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): RabbitResources {
    const o = ctx.options;
    const credentials = Buffer.from(`${o.user}:${o.password}`).toString('base64');
    const api = new HttpSource({
      url: `${o.scheme}://${o.host}/api`,
      timeoutMs: o.request_timeout * 1000,
      headers: { authorization: `Basic ${credentials}` },
      secrets: [o.password, credentials],
      maxBytes: o.max_response_mb * 1048576,
    });
    return { api, warnedTooMany: false };
  },
  teardown({ api }) {
    return api.close();
  },
  async collect(ctx, resources) {
    const { api } = resources;
    const o = ctx.options;
    const clean = (name: string): string => {
      let out = name;
      if (o.replace_dot !== undefined) out = out.replaceAll('.', o.replace_dot);
      if (o.replace_slash !== undefined) out = out.replaceAll('/', o.replace_slash);
      return out;
    };

    const overview = await api.getJsonObject('/overview', ctx.signal);
    if (typeof overview.node === 'string') {
      const node = await api.getJsonObject(`/nodes/${encodeURIComponent(overview.node)}`, ctx.signal);
      for (const metric of HEALTH) if (typeof node[metric] === 'number') ctx.publish(`health.${metric}`, node[metric]);
      if (o.cluster) {
        if (Array.isArray(node.partitions)) ctx.publish('cluster.partitions', node.partitions.length);
        const nodes = await api.getJson('/nodes', ctx.signal);
        if (Array.isArray(nodes)) ctx.publish('cluster.nodes', nodes.length);
      }
    }

    const named = o.queues.length > 0 || Object.values(o.vhosts).some((names) => names.length > 0);
    let selected: QueueDocument[];
    if (o.query_individual_queues && named) {
      selected = await readIndividualQueues(api, { queues: o.queues, vhosts: o.vhosts, ignored: wholeName(o.queues_ignored) }, ctx.signal);
    } else {
      const queues = await api.getJson('/queues', ctx.signal);
      if (!isQueueList(queues))
        throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${api.describe('/queues')} answered something that is not a list of queues`);
      selected = selectQueues(queues, { queues: wholeName(o.queues), ignored: wholeName(o.queues_ignored), vhosts: o.vhosts });
    }
    const legacy = Object.keys(o.vhosts).length === 0;
    const published: QueueDocument[] = selected.slice(0, o.max_queues);
    for (const queue of published) {
      const prefix = legacy ? `queues.${clean(queue.name)}` : `vhosts.${clean(queue.vhost)}.queues.${clean(queue.name)}`;
      publishLeaves(ctx, prefix, queue);
    }
    if (selected.length > o.max_queues && !resources.warnedTooMany) {
      resources.warnedTooMany = true;
      ctx.log.warn(`${selected.length} queues match; publishing the first ${o.max_queues} (max_queues). Narrow them with queues, queues_ignored or vhosts`);
    }

    publishLeaves(ctx, '', overview);
  },
});

import { defineCollector, SpinelError, type OptionIssue, type OptionValues } from '@spinel/sdk';
import { HttpSource } from '@spinel/http';
import { catalogue, figureType } from './catalogue.js';
import { clusterFigures, indexStatsFigures, nodeFigures, type Figures } from './figures.js';
import { instanceProblem, parseInstances, type Instance } from './instances.js';
import { options } from './options.js';

interface Node {
  instance: Instance;
  source: HttpSource;
}

function validate(values: OptionValues<typeof options>): OptionIssue[] {
  return values.instances.flatMap((instance, i) => {
    const problem = instanceProblem(instance);
    return problem ? [{ key: `instances[${i}]`, expected: `[<alias>@]<host>[:<port>] with ${problem}`, found: JSON.stringify(instance) }] : [];
  });
}

/** Reads one node's documents as Diamond did: the node stats first, then the optional two. */
async function readNode(node: Node, o: OptionValues<typeof options>, signal: AbortSignal): Promise<Figures> {
  const figures: Figures = new Map();
  const stats = await node.source.getJsonObject('/_nodes/_local/stats', signal);
  const nodes = stats.nodes;
  const first = typeof nodes === 'object' && nodes !== null ? Object.values(nodes)[0] : undefined;
  if (typeof first !== 'object' || first === null)
    throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${node.source.describe('/_nodes/_local/stats')} answered without a node under "nodes"`);
  nodeFigures(figures, first as Record<string, unknown>, new Set(o.stats));
  if (o.cluster) clusterFigures(figures, await node.source.getJsonObject('/_cluster/health', signal));
  if (o.stats.includes('indices')) {
    const indices = await node.source.getJsonObject('/_stats', signal);
    if (!('_all' in indices)) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', `${node.source.describe('/_stats')} answered without "_all"`);
    indexStatsFigures(figures, indices, o.logstash_mode);
  }
  return figures;
}

export default defineCollector({
  name: 'elasticsearch',
  description:
    "Elasticsearch node, JVM, thread pool, index and cluster health figures from its REST API (Diamond ElasticSearchCollector's names; totals as they are).",
  path: 'elasticsearch',
  options,
  validate,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): Node[] {
    const o = ctx.options;
    const auth = o.user && o.password ? { authorization: `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}` } : undefined;
    return parseInstances(o.instances, o.host, o.port).map((instance) => ({
      instance,
      source: new HttpSource({
        url: `${o.scheme}://${instance.host.includes(':') ? `[${instance.host}]` : instance.host}:${instance.port}`,
        timeoutMs: o.request_timeout * 1000,
        headers: { accept: 'application/json', ...auth },
        secrets: [o.password, auth?.authorization],
        maxBytes: Math.round(o.max_response_mb * 1048576),
        tls: { verify: o.ssl_verify_mode !== 'CERT_NONE', checkHostname: o.ssl_check_hostname },
      }),
    }));
  },
  async teardown(nodes) {
    await Promise.all(nodes.map((node) => node.source.close()));
  },
  async collect(ctx, nodes) {
    const failures: string[] = [];
    for (const node of nodes) {
      let figures: Figures;
      try {
        figures = await readNode(node, ctx.options, ctx.signal);
      } catch (error) {
        // As Diamond: a node that does not answer publishes nothing, and the others are read.
        failures.push(error instanceof Error ? error.message : String(error));
        continue;
      }
      const prefix = node.instance.alias ? `${node.instance.alias}.` : '';
      for (const [name, value] of figures) ctx.publish(prefix + name, value, { type: figureType(name), precision: Number.isInteger(value) ? 0 : 6 });
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

import { defineCollector } from '@spinel/sdk';
import { parseDiamondHost, readEachServer, type DiamondHost } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { readMntr } from './mntr.js';
import { hostIssues, options } from './options.js';

export default defineCollector({
  name: 'zookeeper',
  description:
    "ZooKeeper server figures from the mntr four-letter command, each as mntr gives it (Diamond ZookeeperCollector's names; an aliased server's under its alias).",
  path: 'zookeeper',
  options,
  validate: hostIssues,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): DiamondHost[] {
    return ctx.options.hosts.flatMap((entry) => parseDiamondHost(entry) ?? []);
  },
  collect(ctx, hosts) {
    const wanted = new Set(ctx.options.publish);
    return readEachServer(
      ctx.signal,
      hosts,
      () => undefined,
      async (server) => {
        const where = server.port === undefined ? server.host : `${server.host}:${server.port}`;
        const figures = await readMntr(server, ctx.options.request_timeout * 1000, ctx.signal).catch((error: unknown) => {
          throw new Error(`${server.alias ?? where}: ${error instanceof Error ? error.message : String(error)}`);
        });
        for (const [key, value] of figures) {
          if (wanted.size === 0 || wanted.has(key)) ctx.publish(server.alias === undefined ? key : `${server.alias}.${key}`, value);
        }
      },
    );
  },
});

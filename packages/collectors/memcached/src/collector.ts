import { defineCollector, readOptionalFile, SpinelError } from '@spinel/sdk';
import { describeTarget, readEachServer, RequestSocket } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { parseHost, type MemcachedHost } from './hosts.js';
import { options } from './options.js';
import { GAUGES, maxConnections, parseStats, readStats, type Stats } from './stats.js';

interface Server extends MemcachedHost {
  connection: RequestSocket<string>;
}

/** One open connection per configured server; kept across runs, closed on teardown. */
export type MemcachedResources = Server[];

const LOCAL = new Set(['localhost', '127.0.0.1', '::1']);

/** The connection limit: the `max_connections` row (1.5.x and later), else the server's command line. */
async function connectionLimit(stats: Stats, server: Server, procfs: (...segments: string[]) => string, signal: AbortSignal): Promise<number | undefined> {
  const reported = stats.values.get('max_connections');
  if (reported !== undefined) return reported;
  if (stats.commandArgs !== undefined) return maxConnections(stats.commandArgs);
  const local = server.target.socket !== undefined || LOCAL.has(server.target.host);
  if (!local || stats.pid === undefined) return undefined;
  const commandLine = await readOptionalFile(procfs(String(stats.pid), 'cmdline'), signal);
  return commandLine === undefined ? undefined : maxConnections(commandLine);
}

export default defineCollector({
  name: 'memcached',
  description: "memcached statistics from the text protocol's `stats` (Diamond MemcachedCollector's names, under each server's alias).",
  path: 'memcached',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): MemcachedResources {
    const timeoutMs = ctx.options.socket_timeout * 1000;
    return ctx.options.hosts.map((entry) => {
      const host = parseHost(entry);
      if (!host)
        throw new SpinelError('SPINEL_OPTION_INVALID', `memcached: hosts entry ${JSON.stringify(entry)} is not host:port, alias@host:port or a socket path`);
      return { ...host, connection: new RequestSocket(host.target, `memcached at ${describeTarget(host.target)}`, timeoutMs, readStats) };
    });
  },
  teardown(servers) {
    for (const server of servers) server.connection.close();
  },
  collect(ctx, servers) {
    const wanted = ctx.options.publish.length > 0 ? new Set(ctx.options.publish) : undefined;
    return readEachServer(
      ctx.signal,
      servers,
      (server) => server.connection.close(),
      async (server) => {
        const stats = parseStats(await server.connection.request('stats\r\n', 'stats'));
        const limit = await connectionLimit(stats, server, ctx.procfs, ctx.signal);
        if (limit !== undefined) stats.values.set('limit_maxconn', limit);
        for (const [name, value] of stats.values) {
          if (wanted && !wanted.has(name)) continue;
          const metric = `${server.alias}.${name}`;
          if (GAUGES.has(name)) ctx.publish(metric, value);
          else ctx.publishRate(metric, value);
        }
        if (wanted)
          for (const name of wanted)
            if (!stats.values.has(name)) ctx.log.warn(`memcached at ${describeTarget(server.target)} has no stats row ${name} (listed in publish)`);
      },
    );
  },
});

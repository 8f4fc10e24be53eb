import { defineCollector } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { infoValues, numeric, parseInfo } from './info.js';
import { parseInstances } from './instances.js';
import { options } from './options.js';
import { describeTarget, readEachServer, type RequestSocket } from '@spinel/plugin-kit';
import { encodeCommand, redisConnection, RespError, type RespValue } from './resp.js';

/** One open connection per configured server, by nick; kept across runs, closed on teardown. */
export type RedisResources = Map<string, RequestSocket<RespValue>>;

async function ask(connection: RequestSocket<RespValue>, args: string[]): Promise<RespValue> {
  const reply = await connection.request(encodeCommand(args), args[0] ?? '');
  if (reply instanceof RespError) {
    const hint = reply.message.startsWith('NOAUTH') ? "; set `auth` (or the instance's /password)" : '';
    throw new Error(`redis at ${describeTarget(connection.target)} refused ${args[0]}: ${reply.message}${hint}`);
  }
  return reply;
}

/** maxmemory from CONFIG GET, or undefined when the server refuses CONFIG (renamed or disabled). */
async function maxmemory(connection: RequestSocket<RespValue>): Promise<number | undefined> {
  const reply = await connection.request(encodeCommand(['CONFIG', 'GET', 'maxmemory']), 'CONFIG GET');
  return Array.isArray(reply) && typeof reply[1] === 'string' ? numeric(reply[1]) : undefined;
}

export default defineCollector({
  name: 'redis',
  description: "Redis server statistics from INFO (Diamond RedisCollector's names, under the instance's nick or port).",
  path: 'redis',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): RedisResources {
    const timeoutMs = ctx.options.socket_timeout * 1000;
    const instances = parseInstances(ctx.options);
    return new Map([...instances].map(([nick, target]) => [nick, redisConnection(target, timeoutMs)]));
  },
  teardown(connections) {
    for (const connection of connections.values()) connection.close();
  },
  collect(ctx, connections) {
    return readEachServer(
      ctx.signal,
      connections,
      ([, connection]) => connection.close(),
      async ([nick, connection]) => {
        const [info, max] = await Promise.all([ask(connection, ['INFO']), maxmemory(connection)]);
        if (typeof info !== 'string') throw new Error(`redis at ${describeTarget(connection.target)} answered INFO with ${JSON.stringify(info)}`);
        for (const { name, value, precision } of infoValues(parseInfo(info), max, ctx.options.databases, ctx.now())) {
          ctx.publish(`${nick}.${name}`, value, { precision });
        }
      },
    );
  },
});

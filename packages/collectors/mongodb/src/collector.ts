import { defineCollector, SpinelError, type CollectContext } from '@spinel/sdk';
import { MongoClient } from 'mongodb';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { crc32, dotted, walkTree } from './tree.js';

// The official driver: MongoDB's wire protocol, authentication (SCRAM), TLS and server discovery
// are the driver's job, kept current by MongoDB itself.

type Ctx = CollectContext<typeof options>;

interface Server {
  /** Diamond's prefix for this server's figures: [] for a single server. */
  prefix: string[];
  where: string;
  client: MongoClient;
  /** Previous totals behind the lock and index-miss percentages. */
  totals: Map<string, number>;
}

/** serverStatus counters Diamond also published as per-second rates, under `<group>_per_sec`. */
const RATES: ReadonlyArray<readonly [group: string, only?: string]> = [
  ['opcounters'],
  ['opcountersRepl'],
  ['backgroundFlushing', 'flushes'],
  ['network'],
  ['extra_info', 'page_faults'],
];
/** Diamond's percentages: a figure's growth over its total's, times 100 (MMAPv1 servers have them). */
const PERCENTS: ReadonlyArray<readonly [value: string, total: string]> = [
  ['globalLock.lockTime', 'globalLock.totalTime'],
  ['indexCounters.btree.misses', 'indexCounters.btree.accesses'],
];

function connect(ctx: Pick<Ctx, 'options'>, spec: string, single: boolean): Server {
  const o = ctx.options;
  const match = /^(?:(.+)@)?(.+)$/.exec(spec);
  const alias = match?.[1];
  const host = match?.[2] ?? spec;
  const prefix = alias !== undefined ? [alias] : single ? [] : [host.replace(/[:.]/g, '_')];
  const auth = o.user && o.passwd ? `${encodeURIComponent(o.user)}:${encodeURIComponent(o.passwd)}@` : '';
  const uri =
    host.startsWith('mongodb://') || host.startsWith('mongodb+srv://')
      ? host
      : `mongodb://${auth}${host}/?directConnection=true${auth ? '&authSource=admin' : ''}`;
  const ms = o.network_timeout * 1000;
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: ms,
    connectTimeoutMS: ms,
    socketTimeoutMS: ms,
    tls: o.ssl,
    readPreference: 'secondaryPreferred',
    maxPoolSize: 1,
    appName: 'spinel',
  });
  return { prefix, where: host.replace(/\/\/[^@/]*@/, '//'), client, totals: new Map() };
}

function publishPercents(ctx: Ctx, server: Server, status: Record<string, unknown>): void {
  for (const [value, total] of PERCENTS) {
    const now = { value: dotted(status, value) * 100, total: dotted(status, total) };
    const before = { value: server.totals.get(value), total: server.totals.get(total) };
    server.totals.set(value, now.value).set(total, now.total);
    const elapsed = before.total === undefined ? 0 : now.total - before.total;
    if (before.value !== undefined && elapsed > 0)
      ctx.publish([...server.prefix, 'percent', value].join('.'), Math.max(0, (now.value - before.value) / elapsed), { precision: 4 });
  }
}

async function readServer(ctx: Ctx, server: Server): Promise<void> {
  const o = ctx.options;
  const tree = { replaceDashes: o.replace_dashes_in_metric_keys };
  const gauge = (name: string, value: number): void => ctx.publish(name, value, { precision: Number.isInteger(value) ? 0 : 6 });
  const admin = server.client.db('admin');
  const status = await admin.command({ serverStatus: 1 });
  for (const [group, only] of RATES) {
    const part = only ? { [only]: (status[group] as Record<string, unknown> | undefined)?.[only] } : status[group];
    walkTree([...server.prefix, `${group}_per_sec`], part, tree, (name, value) => ctx.publishRate(name, value), gauge);
  }
  publishPercents(ctx, server, status);
  if (o.replica) {
    const replset = await admin.command({ replSetGetStatus: 1 });
    const prefix = [...server.prefix, 'replset'];
    walkTree(prefix, replset, tree, gauge);
    const members = Array.isArray(replset.members) ? (replset.members as Array<Record<string, unknown>>) : [];
    gauge(
      `${prefix.join('.')}.healthy_nodes`,
      members.reduce((sum, member) => sum + (typeof member.health === 'number' ? member.health : 0), 0),
    );
    gauge(`${prefix.join('.')}.total_nodes`, members.length);
    for (const member of members) walkTree([...prefix, 'node', String(member[o.replset_node_name] ?? '').split('.')[0] ?? ''], member, tree, gauge);
  }
  walkTree(
    server.prefix,
    o.simple ? { connections: status.connections, globalLock: status.globalLock, indexCounters: status.indexCounters } : status,
    tree,
    gauge,
  );
  const databases = new RegExp(o.databases);
  const ignored = new RegExp(o.ignore_collections);
  const listed = await admin.command({ listDatabases: 1, nameOnly: true });
  let budget = o.max_collections;
  for (const { name: db } of (listed.databases ?? []) as Array<{ name: string }>) {
    if (!databases.test(db)) continue;
    const database = server.client.db(db);
    walkTree([...server.prefix, 'databases', db], await database.command({ dbStats: 1 }), tree, gauge);
    for (const { name: collection } of await database.listCollections({}, { nameOnly: true }).toArray()) {
      if (ignored.test(collection) || (o.collection_sample_rate < 1 && crc32(collection) > 0xffffffff * o.collection_sample_rate)) continue;
      if (--budget < 0)
        throw new SpinelError(
          'SPINEL_SOURCE_UNREACHABLE',
          `more than max_collections (${o.max_collections}) collections to read; narrow databases or ignore_collections`,
        );
      const stats = await database.command({ collStats: collection });
      walkTree([...server.prefix, 'databases', db, o.translate_collections ? collection.replaceAll('.', '_') : collection], stats, tree, gauge);
    }
  }
}

export default defineCollector({
  name: 'mongodb',
  description:
    "MongoDB's serverStatus (counters also as rates), replica set status, and each database's and collection's statistics, through the official driver (Diamond MongoDBCollector's names).",
  path: 'mongo',
  options,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): Server[] {
    const hosts = ctx.options.host ? [ctx.options.host] : ctx.options.hosts;
    return hosts.map((host) => connect(ctx, host, hosts.length === 1));
  },
  async teardown(servers) {
    await Promise.all(servers.map((server) => server.client.close()));
  },
  async collect(ctx, servers) {
    const failures: string[] = [];
    for (const server of servers) {
      try {
        await readServer(ctx, server);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        failures.push(`${server.where}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

import os from 'node:os';
import Docker from 'dockerode';
import { defineCollector, readOptionalFile, sanitizePathSegment, SpinelError, type CollectContext } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { readCgroupUsage } from './cgroups.js';
import { readNetworks } from './netdev.js';
import { options } from './options.js';
import { readStatsApi } from './stats-api.js';
import { collectMetriclyContainer, publishMetriclyCounts } from './collect-metricly.js';
import { collectDiamond } from './diamond.js';
import { inspect, type ContainerState, type DockerResources } from './resources.js';
import type { ContainerUsage, InterfaceCounters, Networks } from './usage.js';

type Ctx = CollectContext<typeof options>;

/** Runs `work` over `items` with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

function unreachable(socket: string, error: unknown): SpinelError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SpinelError(
    'SPINEL_SOURCE_UNREACHABLE',
    `docker: cannot reach the engine at ${socket} (${reason}); is dockerd running and the socket mounted and readable?`,
    { cause: error },
  );
}

function publishUsage(
  ctx: Ctx,
  res: DockerResources,
  name: string,
  state: ContainerState,
  usage: ContainerUsage,
  networks: Networks | undefined,
  now: number,
  dims: Record<string, string>,
): void {
  const publish = (metric: string, value: number, type: 'gauge' | 'rate' = 'gauge', precision = 2): void =>
    ctx.publish(`${name}.${metric}`, value, { type, precision, dimensions: dims });
  const limit = usage.memoryLimit ?? res.hostMemory;
  const workingSet = Math.max(0, usage.memoryUsage - usage.memoryInactiveFile);
  const memoryPercent = limit > 0 ? (100 * workingSet) / limit : 0;
  const previous = state.previous;
  const elapsed = previous ? now - previous.at : 0;
  const perSecond = (current: number, before: number): number => Math.max(0, current - before) / elapsed;
  const cpuPercent = previous && elapsed > 0 ? (100 * perSecond(usage.cpuTotalNs, previous.usage.cpuTotalNs)) / 1e9 : undefined;

  if (ctx.options.minimal) {
    if (cpuPercent !== undefined) publish('container_cpu_percent', cpuPercent);
    publish('container_memory_percent', memoryPercent);
    return;
  }
  if (previous && elapsed > 0 && cpuPercent !== undefined) {
    const limitCores = state.inspected?.cpuLimitCores ?? res.cpus;
    publish('cpu_percent', cpuPercent);
    publish('cpu_percent_of_host', cpuPercent / res.cpus);
    publish('cpu_percent_of_limit', cpuPercent / limitCores);
    publish('cpu_user_percent', (100 * perSecond(usage.cpuUserNs, previous.usage.cpuUserNs)) / 1e9);
    publish('cpu_system_percent', (100 * perSecond(usage.cpuSystemNs, previous.usage.cpuSystemNs)) / 1e9);
    publish('cpu_throttled_periods', perSecond(usage.throttledPeriods, previous.usage.throttledPeriods), 'rate');
    publish('cpu_throttled_ms', perSecond(usage.throttledNs, previous.usage.throttledNs) / 1e6, 'rate');
    publish('blkio.read_bytes', perSecond(usage.blkReadBytes, previous.usage.blkReadBytes), 'rate');
    publish('blkio.write_bytes', perSecond(usage.blkWriteBytes, previous.usage.blkWriteBytes), 'rate');
    publish('blkio.read_ops', perSecond(usage.blkReadOps, previous.usage.blkReadOps), 'rate');
    publish('blkio.write_ops', perSecond(usage.blkWriteOps, previous.usage.blkWriteOps), 'rate');
    for (const [iface, counters] of networks ?? []) {
      const before = previous.networks?.get(iface);
      if (!before) continue;
      for (const key of Object.keys(counters) as Array<keyof InterfaceCounters>) {
        ctx.publish(`${name}.net.${sanitizePathSegment(iface)}.${key}`, perSecond(counters[key], before[key]), {
          type: 'rate',
          precision: 2,
          dimensions: { ...dims, interface: iface },
        });
      }
    }
  }
  publish('memory_usage', usage.memoryUsage, 'gauge', 0);
  publish('memory_limit', limit, 'gauge', 0);
  publish('memory_working_set', workingSet, 'gauge', 0);
  publish('memory_percent', memoryPercent);
  publish('memory_rss', usage.memoryRss, 'gauge', 0);
  publish('memory_cache', usage.memoryCache, 'gauge', 0);
  const inspected = state.inspected;
  if (inspected) {
    publish('uptime_seconds', Math.max(0, now - inspected.startedAt), 'gauge', 0);
    publish('restart_count', inspected.restartCount, 'gauge', 0);
    if (inspected.health) publish('healthy', inspected.health === 'healthy' ? 1 : 0, 'gauge', 0);
  }
}

async function collectContainer(ctx: Ctx, res: DockerResources, container: Docker.ContainerInfo): Promise<void> {
  let state = res.containers.get(container.Id);
  if (!state) res.containers.set(container.Id, (state = {}));
  try {
    if (!state.inspected || ctx.now() - state.inspected.fetchedAt > ctx.options.inspect_ttl)
      state.inspected = await inspect(res.docker, container.Id, ctx.now());
    const pid = state.inspected.pid;
    let usage: ContainerUsage | undefined;
    let networks: Networks | undefined;
    if (ctx.options.source !== 'api' && pid > 0) {
      usage = await readCgroupUsage(ctx.procfs, ctx.sysfs, pid, ctx.signal);
      if (usage) networks = await readNetworks(ctx.procfs, pid, ctx.signal);
    }
    if (!usage) {
      if (ctx.options.source === 'cgroup')
        throw new SpinelError(
          'SPINEL_PROC_MALFORMED',
          `docker: cgroup files of container ${container.Id.slice(0, 12)} are not visible (set HOST_PROC and HOST_SYS, or source: auto)`,
        );
      ({ usage, networks } = await readStatsApi(res.docker.getContainer(container.Id), res.hostMemory));
    }
    // Rates divide by the time between this container's own two readings, taken when they
    // arrived: with many containers, or a slow API, reads of one run are far apart.
    const now = ctx.now();
    const name = sanitizePathSegment((container.Names[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''));
    const dims: Record<string, string> = { container_name: name, container_id: container.Id.slice(0, 12), image: container.Image };
    for (const label of ctx.options.labels) {
      const value = container.Labels[label];
      if (value !== undefined) dims[`label_${sanitizePathSegment(label)}`] = value;
    }
    publishUsage(ctx, res, name, state, usage, networks, now, dims);
    state.previous = { at: now, usage, networks };
  } catch (error) {
    // A container that stopped between the list and the read is not an error of the run.
    if ((error as { statusCode?: number }).statusCode === 404) {
      res.containers.delete(container.Id);
      return;
    }
    throw error;
  }
}

export default defineCollector({
  name: 'docker',
  description: 'Per-container CPU, memory, network and block I/O (cgroup files, or the stats API), and host container and image counts.',
  path: 'docker',
  options,
  catalogue,
  defaultWorker: 'own',
  async setup(ctx): Promise<DockerResources> {
    const meminfo = await readOptionalFile(ctx.procfs('meminfo'));
    const hostMemory = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo ?? '')?.[1] ?? 0) * 1024 || os.totalmem();
    const stat = await readOptionalFile(ctx.procfs('stat'));
    const cpus = (stat ?? '').split('\n').filter((l) => /^cpu\d+\s/.test(l)).length || os.availableParallelism();
    return {
      docker: new Docker({ socketPath: ctx.options.socket, timeout: ctx.options.api_timeout * 1000 }),
      containers: new Map(),
      cpus,
      hostMemory,
      socketMissing: false,
    };
  },
  async collect(ctx, res) {
    let all: Docker.ContainerInfo[];
    let images: Docker.ImageInfo[];
    try {
      [all, images] = await Promise.all([res.docker.listContainers({ all: true }), res.docker.listImages()]);
    } catch (error) {
      // No socket at all (an agent container started without it): not a failing run, one warning
      // until it appears. A socket that is there and refuses is a failure, every run.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreachable(ctx.options.socket, error);
      if (!res.socketMissing)
        ctx.log.warn(
          `docker: no engine socket at ${ctx.options.socket}, so no container metrics until one appears (mount it: -v /var/run/docker.sock:${ctx.options.socket}:ro, and --group-add its group)`,
        );
      res.socketMissing = true;
      return;
    }
    if (res.socketMissing) ctx.log.info(`docker: the engine socket at ${ctx.options.socket} answers; collecting`);
    res.socketMissing = false;
    const running = all.filter((c) => c.State === 'running');
    const alive = new Set(running.map((c) => c.Id));
    for (const id of res.containers.keys()) if (!alive.has(id)) res.containers.delete(id);
    if (ctx.options.naming === 'diamond') {
      await collectDiamond(ctx, res, all).catch((error: unknown) => {
        throw (error as { statusCode?: number }).statusCode === undefined ? unreachable(ctx.options.socket, error) : error;
      });
      return;
    }
    if (ctx.options.naming === 'metricly') {
      const dangling = await res.docker
        .listImages({ all: true, filters: JSON.stringify({ dangling: ['true'] }) } as Docker.ListImagesOptions)
        .catch((error: unknown) => {
          throw unreachable(ctx.options.socket, error);
        });
      publishMetriclyCounts(ctx, all, images.length, dangling.length);
      await forEachLimited(running, ctx.options.concurrency, (c) => collectMetriclyContainer(ctx, res, c));
      return;
    }
    ctx.publish('containers_running', running.length);
    ctx.publish('containers_paused', all.filter((c) => c.State === 'paused').length);
    ctx.publish('containers_stopped', all.filter((c) => c.State !== 'running' && c.State !== 'paused').length);
    ctx.publish('containers_all', all.length);
    ctx.publish('images', images.length);
    ctx.publish('images_dangling', images.filter((i) => !i.RepoTags || i.RepoTags.every((t) => t === '<none>:<none>')).length);
    await forEachLimited(running, ctx.options.concurrency, (c) => collectContainer(ctx, res, c));
  },
  teardown(res) {
    res.containers.clear();
  },
});

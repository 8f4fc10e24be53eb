import type Docker from 'dockerode';
import type { CollectContext } from '@spinel/sdk';
import { metriclyContainerName, metriclyCpuReading, metriclyMinimalSamples, metriclySamples, type MetriclyStats } from './metricly.js';
import type { options } from './options.js';
import { inspect, type DockerResources } from './resources.js';

type Ctx = CollectContext<typeof options>;

/** Metricly's `counts.*`: running is what `docker ps` lists (paused and restarting included). */
export function publishMetriclyCounts(ctx: Ctx, all: readonly Docker.ContainerInfo[], images: number, dangling: number): void {
  const running = all.filter((c) => c.State === 'running' || c.State === 'paused' || c.State === 'restarting').length;
  ctx.publish('counts.running', running, { precision: 0 });
  ctx.publish('counts.stopped', all.length - running, { precision: 0 });
  ctx.publish('counts.all_containers', all.length, { precision: 0 });
  ctx.publish('counts.images', images, { precision: 0 });
  ctx.publish('counts.dangling_images', dangling, { precision: 0 });
}

/**
 * One container under Metricly's names, from one stats API answer (Metricly read the API, so
 * the values are the API's on every engine, cgroup v1 or v2).
 */
export async function collectMetriclyContainer(ctx: Ctx, res: DockerResources, container: Docker.ContainerInfo): Promise<void> {
  const handle = res.docker.getContainer(container.Id);
  const name = metriclyContainerName(container.Names, container.Id);
  const dimensions = { container_name: name, container_id: container.Id.slice(0, 12), image: container.Image };
  let stats: MetriclyStats;
  try {
    stats = (await handle.stats({ stream: false, 'one-shot': true } as { stream: false })) as unknown as MetriclyStats;
  } catch (error) {
    // A container that stopped between the list and the read is not an error of the run.
    if ((error as { statusCode?: number }).statusCode === 404) {
      res.containers.delete(container.Id);
      return;
    }
    throw error;
  }
  let state = res.containers.get(container.Id);
  if (!state) res.containers.set(container.Id, (state = {}));
  const samples = ctx.options.minimal ? metriclyMinimalSamples(name, stats, state.metriclyCpu) : metriclySamples(name, stats, ctx.options.simple);
  if (ctx.options.minimal) state.metriclyCpu = metriclyCpuReading(stats);
  for (const s of samples) ctx.publish(s.name, s.value, { type: s.type, precision: s.type === 'gauge' && !Number.isInteger(s.value) ? 2 : 0, dimensions });
  if (ctx.options.uptime) {
    if (!state.inspected || ctx.now() - state.inspected.fetchedAt > ctx.options.inspect_ttl)
      state.inspected = await inspect(res.docker, container.Id, ctx.now());
    ctx.publish(`${name}.netuitive.docker.uptime.seconds`, Math.max(0, Math.floor(ctx.now() - state.inspected.startedAt)), { precision: 0, dimensions });
  }
}

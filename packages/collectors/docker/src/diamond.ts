// Diamond's DockerCollector (src/collectors/docker_collector): its names and meanings, for a
// config imported from Diamond (`naming: diamond`). Everything is published as the stats API
// gives it (totals stay totals: cpu.total is nanoseconds of CPU since the container started).
import type Docker from 'dockerode';
import type { CollectContext } from '@spinel/sdk';
import type { options } from './options.js';
import type { DockerResources } from './resources.js';

type Ctx = CollectContext<typeof options>;

/** Diamond's METRICS: a stats API path and the name Diamond published it under. */
export const DIAMOND_METRICS: ReadonlyArray<readonly [string, string]> = [
  ['memory_stats.stats.total_rss', 'RSS_byte'],
  ['memory_stats.stats.total_cache', 'cache_byte'],
  ['memory_stats.stats.total_swap', 'swap_byte'],
  ['memory_stats.stats.total_pgpgin', 'pagein_count'],
  ['memory_stats.stats.total_pgpgout', 'pageout_count'],
  ['cpu_stats.cpu_usage.total_usage', 'cpu.total'],
  ['cpu_stats.cpu_usage.usage_in_kernelmode', 'cpu.kernelmode'],
  ['cpu_stats.cpu_usage.usage_in_usermode', 'cpu.usermode'],
  ['cpu_stats.system_cpu_usage', 'cpu.system'],
];

/** The value at a dotted path of a stats answer; undefined where Diamond's get_value gave None. */
function valueAt(stats: unknown, dotted: string): number | undefined {
  let at: unknown = stats;
  for (const key of dotted.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/** `containers.<name>.<metric>` for one container's stats answer, as Diamond named them. */
export function diamondContainerSamples(
  names: readonly string[] | undefined,
  stats: unknown,
): Array<{ name: string; value: number; type: 'gauge' | 'counter' }> {
  const container = `containers.${(names?.[0] ?? '').slice(1)}`;
  return DIAMOND_METRICS.flatMap(([from, to]) => {
    const value = valueAt(stats, from);
    // Published as it is, as Diamond did; the running totals say so (for Prometheus and OTLP).
    const type = to.endsWith('_byte') ? 'gauge' : 'counter';
    return value === undefined ? [] : [{ name: `${container}.${to}`, value, type }];
  });
}

/** One run under Diamond's names: the counts, then every running container's stats. */
export async function collectDiamond(ctx: Ctx, res: DockerResources, all: readonly Docker.ContainerInfo[]): Promise<void> {
  // Diamond's `client.containers()`: what docker ps lists, paused and restarting ones included.
  const running = all.filter((c) => c.State === 'running' || c.State === 'paused' || c.State === 'restarting');
  // Diamond counted distinct image ids of `docker images -q` and of the dangling ones (all layers).
  const [top, dangling] = await Promise.all([
    res.docker.listImages(),
    res.docker.listImages({ all: true, filters: JSON.stringify({ dangling: ['true'] }) } as Docker.ListImagesOptions),
  ]);
  ctx.publish('containers_running_count', running.length);
  ctx.publish('containers_stopped_count', all.length - running.length);
  ctx.publish('images_count', new Set(top.map((i) => i.Id)).size);
  ctx.publish('images_dangling_count', new Set(dangling.map((i) => i.Id)).size);
  for (const container of running) {
    let stats: unknown;
    try {
      stats = await res.docker.getContainer(container.Id).stats({ stream: false, 'one-shot': true } as { stream: false });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) continue; // stopped since the list
      throw error;
    }
    const dimensions = { container_name: (container.Names?.[0] ?? '').slice(1), container_id: container.Id.slice(0, 12) };
    for (const sample of diamondContainerSamples(container.Names, stats))
      ctx.publish(sample.name, sample.value, { type: sample.type, precision: 0, dimensions });
  }
}

import { option } from '@spinel/sdk';

export const options = {
  socket: option.string('/var/run/docker.sock', "The Docker engine's socket (mount it into the agent's container to run there)."),
  naming: option.enum(
    ['spinel', 'metricly', 'diamond'],
    'spinel',
    "Metric names: Spinel's; the Metricly agent's NetuitiveDockerCollector's (counts.running, <container>.memory.usage, raw counters read from the stats API whatever source says; set path: containers to keep its paths); or Diamond's DockerCollector's (containers_running_count, images_count, containers.<name>.cpu.total, RSS_byte, ..., raw from the stats API).",
  ),
  minimal: option.boolean(
    false,
    'Publish only CPU and memory percent per container (the Metricly agent mode): container_cpu_percent and container_memory_percent, or with naming: metricly netuitive.docker.cpu.container_cpu_percent and netuitive.docker.memory.container_memory_percent.',
  ),
  simple: option.boolean(false, "With naming: metricly, only the total_* memory stats and no per-CPU usage (Metricly's simple mode)."),
  uptime: option.boolean(false, 'With naming: metricly, also <container>.netuitive.docker.uptime.seconds (Spinel naming always publishes uptime_seconds).'),
  source: option.enum(['auto', 'cgroup', 'api'], 'auto', 'Where usage comes from: cgroup files when visible (fast), else the stats API; or force one.'),
  labels: option.stringList([], 'Container labels added as dimensions (label_<name>).'),
  concurrency: option.number(8, 'Containers read at once.', { min: 1, integer: true }),
  api_timeout: option.number(5, 'Seconds one Docker API call may take.', { min: 0.1 }),
  inspect_ttl: option.number(30, 'Seconds an inspect result (pid, limits, restart count) is reused.', { min: 0 }),
};

import { option } from '@spinel/sdk';

export const options = {
  socket: option.string('/var/run/docker.sock', "The Docker engine's socket (mount it into the agent's container to run there)."),
  minimal: option.boolean(false, 'Publish only container_cpu_percent and container_memory_percent per container (the Metricly agent mode).'),
  source: option.enum(['auto', 'cgroup', 'api'], 'auto', 'Where usage comes from: cgroup files when visible (fast), else the stats API; or force one.'),
  labels: option.stringList([], 'Container labels added as dimensions (label_<name>).'),
  concurrency: option.number(8, 'Containers read at once.', { min: 1, integer: true }),
  api_timeout: option.number(5, 'Seconds one Docker API call may take.', { min: 0.1 }),
  inspect_ttl: option.number(30, 'Seconds an inspect result (pid, limits, restart count) is reused.', { min: 0 }),
};

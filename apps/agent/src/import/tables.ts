// Which Spinel plugin takes each Diamond (and Metricly agent) collector and handler class.

/** Diamond collector class → Spinel collector key (the key names the plugin). */
export const COLLECTORS: Readonly<Record<string, string>> = {
  CPUCollector: 'cpu',
  MemoryCollector: 'memory',
  LoadAverageCollector: 'loadavg',
  VMStatCollector: 'vmstat',
  NetworkCollector: 'network',
  DiskSpaceCollector: 'diskspace',
  DiskUsageCollector: 'diskusage',
  SockstatCollector: 'sockstat',
  TCPCollector: 'tcp',
  UDPCollector: 'udp',
  InterruptCollector: 'interrupt',
  EntropyStatCollector: 'entropy',
  UptimeCollector: 'uptime',
  DockerCollector: 'docker',
  NetuitiveDockerCollector: 'docker',
  DockerContainerCollector: 'docker',
  ProcessResourcesCollector: 'processresources',
  RedisCollector: 'redis',
  MemcachedCollector: 'memcached',
  PostgresqlCollector: 'postgres',
  MySQLCollector: 'mysql',
  NginxCollector: 'nginx',
  RabbitMQCollector: 'rabbitmq',
  HTTPJSONCollector: 'httpjson',
};

/** Diamond handler class → Spinel handler key, and options the class implies. */
export const HANDLERS: Readonly<Record<string, { key: string; implied?: Readonly<Record<string, unknown>>; renamed?: Readonly<Record<string, string>> }>> = {
  GraphiteHandler: { key: 'graphite' },
  GraphitePickleHandler: { key: 'graphite', implied: { proto: 'pickle' } },
  ArchiveHandler: { key: 'archive', renamed: { log_file: 'path' } },
  NetuitiveHandler: { key: 'metricly' },
  CloudWatchHandler: { key: 'cloudwatch' },
  StatsdHandler: { key: 'statsd' },
  InfluxdbHandler: { key: 'influxdb' },
  HttpPostHandler: { key: 'http' },
  MQTTHandler: { key: 'mqtt' },
};

/** Diamond settings with no Spinel counterpart, and why, said instead of a bare "unknown". */
export const NO_COUNTERPART: Readonly<Record<string, string>> = {
  method: "Diamond's collection method (threading, sequential); Spinel runs each collector in a worker thread",
  max_backlog_multiplier: "Diamond's handler backlog; Spinel's delivery core bounds queues with max_queue_samples",
  trim_backlog_multiplier: "Diamond's handler backlog; Spinel's delivery core bounds queues with max_queue_samples",
  collectors_path: 'where Diamond looked for collector classes; Spinel loads plugins as packages',
  handlers_path: 'where Diamond looked for handler classes; Spinel loads plugins as packages',
  pid_file: 'a daemon setting; run Spinel under systemd or in a container',
  user: 'a daemon setting; run Spinel as the user it should be',
  group: 'a daemon setting; run Spinel with the group it should have',
  metric_queue_size: "Diamond's in-process queue; Spinel's delivery core bounds queues with max_queue_samples",
  abort_on_handlers_process_exit: 'Spinel restarts a failed handler worker with backoff',
  collectors_reload_interval: 'Spinel reads its config at start',
  ttl_multiplier: "Metricly's series time-to-live; Spinel's handlers keep no per-series expiry",
};

/** Diamond collector settings every Spinel collector entry takes under the same name. */
export const COLLECTOR_COMMON = new Set(['enabled', 'interval', 'splay', 'path', 'path_prefix', 'path_suffix', 'instance_prefix', 'metrics_whitelist', 'metrics_blacklist', 'measure_collector_time']);

/** Diamond collector defaults that are agent-wide in Spinel. */
export const AGENT_FROM_DEFAULTS = new Set(['hostname', 'hostname_method', 'path_prefix', 'path_suffix']);

/** Diamond handler settings with a Spinel common key of another name (when the handler has no option of that name). */
export const HANDLER_COMMON: Readonly<Record<string, string>> = { batch: 'batch_size' };

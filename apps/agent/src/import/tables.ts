// Which Spinel plugin takes each Diamond (and Metricly agent) collector and handler class.
import type { ConfigObjValue } from './configobj.js';

/** What a handler's adapter made of several Diamond options at once. */
export interface Adapted {
  /** Spinel options to set. */
  set: Record<string, unknown>;
  /** Diamond options it used up (not looked at again). */
  consumed: string[];
  /** Diamond options it looked at and refused, with why. */
  refused: Record<string, string>;
}

export interface HandlerMapping {
  key: string;
  /** Options the class itself implies (GraphitePickleHandler is graphite with proto: pickle). */
  implied?: Readonly<Record<string, unknown>>;
  /** Diamond option → Spinel option of another name. */
  renamed?: Readonly<Record<string, string>>;
  /** Diamond options that become Spinel ones together (hostname, port and ssl → url). */
  adapt?: (values: ReadonlyMap<string, ConfigObjValue>) => Adapted;
}

const isTrue = (value: ConfigObjValue | undefined): boolean => /^(true|yes|on|1)$/i.test(String(value ?? ''));

/** Diamond's InfluxdbHandler: hostname, port and ssl → url; influxdb_version 0.9 and later → api v1. */
function adaptInfluxdb(values: ReadonlyMap<string, ConfigObjValue>): Adapted {
  const adapted: Adapted = { set: {}, consumed: [], refused: {} };
  if (['hostname', 'port', 'ssl'].some((k) => values.has(k))) {
    const host = String(values.get('hostname') ?? 'localhost');
    const port = String(values.get('port') ?? '8086');
    adapted.set.url = `${isTrue(values.get('ssl')) ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
    adapted.consumed.push('hostname', 'port', 'ssl');
  }
  const version = values.get('influxdb_version');
  if (version !== undefined) {
    adapted.consumed.push('influxdb_version');
    if (/^0\.8/.test(String(version))) adapted.refused.influxdb_version = "InfluxDB 0.8's JSON API; Spinel writes the line protocol of 0.9 and later";
    else adapted.set.api = 'v1';
  }
  return adapted;
}

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
  NfsdCollector: 'nfsd',
  NfsCollector: 'nfs',
  ZookeeperCollector: 'zookeeper',
  SmartCollector: 'smart',
  IPMISensorCollector: 'ipmisensor',
  HAProxyCollector: 'haproxy',
  ChronydCollector: 'chronyd',
  NtpdCollector: 'ntpd',
  VarnishCollector: 'varnish',
  InterruptCollector: 'interrupt',
  SoftInterruptCollector: 'softirq',
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
  HttpdCollector: 'httpd',
  HttpCodeCollector: 'httpcode',
  HttpCollector: 'http',
  UserScriptsCollector: 'userscripts',
  PowerDNSCollector: 'powerdns',
  FlumeCollector: 'flume',
  SolrCollector: 'solr',
  ElasticSearchCollector: 'elasticsearch',
  JolokiaCollector: 'jolokia',
  CassandraJolokiaCollector: 'cassandrajolokia',
  KafkaConsumerLagCollector: 'kafkaconsumerlag',
  SNMPCollector: 'snmp',
  SNMPInterfaceCollector: 'snmpinterface',
  PuppetDBCollector: 'puppetdb',
  KafkaCollector: 'kafka',
  KafkaJolokiaCollector: 'kafkajolokia',
  ConsulCollector: 'consul',
  MongoDBCollector: 'mongodb',
  HeartbeatCollector: 'heartbeat',
  PortCheckCollector: 'portcheck',
  ProcessCheckCollector: 'processcheck',
  DNSLookupCheckCollector: 'dnslookupcheck',
  RabbitMQCollector: 'rabbitmq',
  HTTPJSONCollector: 'httpjson',
};

/**
 * Collector options whose Diamond default is another option's value: JolokiaCollector requests
 * `/<path>/...` unless `jolokia_path` says otherwise, so a config that sets only `path` keeps its URL.
 */
export const DEFAULT_FROM_OPTION: Readonly<Record<string, ReadonlyArray<readonly [option: string, from: string]>>> = {
  jolokia: [['jolokia_path', 'path']],
  cassandrajolokia: [['jolokia_path', 'path']],
  kafkajolokia: [['jolokia_path', 'path']],
};

/** Collector options Spinel names otherwise: an SNMP collector's `timeout` is each request's, and `timeout` is every entry's run deadline. */
export const COLLECTOR_RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  snmp: { timeout: 'request_timeout' },
  snmpinterface: { timeout: 'request_timeout' },
};

/** Diamond handler class → Spinel handler key, and options the class implies. */
export const HANDLERS: Readonly<Record<string, HandlerMapping>> = {
  GraphiteHandler: { key: 'graphite' },
  GraphitePickleHandler: { key: 'graphite', implied: { proto: 'pickle' } },
  ArchiveHandler: { key: 'archive', renamed: { log_file: 'path' } },
  NetuitiveHandler: { key: 'metricly' },
  CloudWatchHandler: { key: 'cloudwatch' },
  StatsdHandler: { key: 'statsd' },
  InfluxdbHandler: { key: 'influxdb', renamed: { time_precision: 'precision' }, adapt: adaptInfluxdb },
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
  cache_size: "InfluxdbHandler's in-memory cache; Spinel's delivery core batches (batch_size) and bounds queues (max_queue_samples)",
};

/** Diamond collector settings every Spinel collector entry takes under the same name. */
export const COLLECTOR_COMMON = new Set([
  'enabled',
  'interval',
  'splay',
  'path',
  'path_prefix',
  'path_suffix',
  'instance_prefix',
  'metrics_whitelist',
  'metrics_blacklist',
  'measure_collector_time',
]);

/** Diamond collector defaults that are agent-wide in Spinel. */
export const AGENT_FROM_DEFAULTS = new Set(['hostname', 'hostname_method', 'path_prefix', 'path_suffix']);

/** Diamond handler settings with a Spinel common key of another name (when the handler has no option of that name). */
export const HANDLER_COMMON: Readonly<Record<string, string>> = { batch: 'batch_size', batch_size: 'batch_size' };

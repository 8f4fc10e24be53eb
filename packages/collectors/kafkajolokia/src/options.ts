import { option } from '@spinel/sdk';
import { options as jolokia } from '@spinel/collector-jolokia';

const { naming: _naming, ...reader } = jolokia;

/** ZooKeeper 3.4's numeric mntr figures (a leader adds the last three). */
export const ZOOKEEPER_34_FIGURES = [
  'zk_avg_latency',
  'zk_max_latency',
  'zk_min_latency',
  'zk_packets_received',
  'zk_packets_sent',
  'zk_num_alive_connections',
  'zk_outstanding_requests',
  'zk_znode_count',
  'zk_watch_count',
  'zk_ephemerals_count',
  'zk_approximate_data_size',
  'zk_open_file_descriptor_count',
  'zk_max_file_descriptor_count',
  'zk_followers',
  'zk_synced_followers',
  'zk_pending_syncs',
];

// The jolokia collector's reading options (the naming is Kafka's), and the Metricly fork's
// KafkaJolokiaCollector options for ZooKeeper and consumer lag, with the bounds they lacked.
export const options = {
  ...reader,
  zookeeper: option.string(
    'localhost:2181',
    "ZooKeeper's connect string (`host[:port][,host...][/chroot]`); its first server's mntr figures are read, and Kafka's tools get the whole string.",
  ),
  version: option.enum(
    ['', '0.8', '0.9', '0.10'],
    '',
    "Kafka's version, for consumer lag: 0.9 and 0.10 list the groups themselves (ConsumerGroupCommand), 0.8 reads `consumer_groups` (ConsumerOffsetChecker); empty reads no consumer lag, as the fork did without it.",
  ),
  chroot: option.string('', "Kafka's path on ZooKeeper (`/kafka` by default with 0.8, none with 0.9 and 0.10)."),
  consumer_groups: option.stringList([], 'With 0.8: the consumer groups to check.'),
  topics: option.stringList([], 'With 0.8: only these topics (`--topic`).'),
  args: option.stringList([], "With 0.8: arguments put before the tool's class, as the fork's `args`."),
  bin: option.string('/opt/kafka/bin/kafka-run-class.sh', "Kafka's kafka-run-class.sh."),
  use_sudo: option.boolean(false, 'Run it through sudo_cmd.'),
  sudo_cmd: option.string('/usr/bin/sudo', 'The sudo binary.'),
  command_timeout: option.number(9, 'Seconds one tool run may take (each starts a JVM); then it and what it started are killed.', { min: 0.1 }),
  max_output_kb: option.number(4096, 'Most one tool run may print; past it the run is killed and its output not read.', { min: 1 }),
  zookeeper_figures: option.stringList(
    ZOOKEEPER_34_FIGURES,
    "mntr figures published; `*` publishes every one. The default is ZooKeeper 3.4's mntr, what the fork published (ZooKeeper 3.5 and later answer about 400 figures, and the fork read only the first 4 KB of them).",
  ),
  zookeeper_timeout: option.number(5, "Seconds to wait for ZooKeeper's mntr answer.", { min: 0.1 }),
};

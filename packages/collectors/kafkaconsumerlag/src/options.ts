import { option } from '@spinel/sdk';

// Diamond's KafkaConsumerLagCollector (and ProcessCollector) options, with the deadline and output
// cap the command lacked.
export const options = {
  bin: option.string('/opt/kafka/bin/kafka-run-class.sh', "Kafka's kafka-run-class.sh."),
  zookeeper: option.stringList(
    ['localhost:2181'],
    'ZooKeeper connect string, as hosts (`zoo1:2181,zoo2:2181/chroot`); a chroot names the cluster in the path (`/dev/test-01` is `dev_test_01`).',
  ),
  consumer_groups: option.stringList([], 'Consumer groups to check, one command each.'),
  topic: option.string('', 'Only this topic (`--topic`); empty checks every topic of the group.'),
  use_sudo: option.boolean(false, 'Run it through sudo_cmd.'),
  sudo_cmd: option.string('/usr/bin/sudo', 'The sudo binary.'),
  command_timeout: option.number(
    9,
    'Seconds one group may take (the command starts a JVM, usually 2-5 s); then it and what it started are killed. Keep it under the interval.',
    { min: 0.1 },
  ),
  max_output_kb: option.number(4096, 'Most one group may print (a line a partition); past it the command is killed and that group is not published.', {
    min: 1,
  }),
};

import { defineCollector, SpinelError } from '@spinel/sdk';
import { commandOutput } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { clusterName, parseOffsetChecker } from './offsets.js';

export default defineCollector({
  privileged: 'runs kafka-run-class.sh (bin, sudo_cmd)',
  name: 'kafkaconsumerlag',
  description:
    "Kafka consumer lag per group, topic and partition from `kafka-run-class.sh kafka.tools.ConsumerOffsetChecker` (Diamond KafkaConsumerLagCollector's names, the Metricly fork's per-topic total).",
  path: 'kafka.ConsumerLag',
  options,
  catalogue,
  defaultWorker: 'own',
  async collect(ctx) {
    const o = ctx.options;
    const zookeeper = o.zookeeper.join(',');
    const cluster = clusterName(zookeeper);
    const failures: string[] = [];
    for (const group of o.consumer_groups) {
      // No shell: the binary and its arguments as they are.
      const command = [
        ...(o.use_sudo ? [o.sudo_cmd] : []),
        o.bin,
        'kafka.tools.ConsumerOffsetChecker',
        '--group',
        group,
        '--zookeeper',
        zookeeper,
        ...(o.topic ? ['--topic', o.topic] : []),
      ];
      let output: string;
      try {
        output = await commandOutput(
          command,
          { timeoutMs: o.command_timeout * 1000, maxOutputBytes: o.max_output_kb * 1024, signal: ctx.signal },
          { timeout: `command_timeout (${o.command_timeout} s)`, output: `max_output_kb (${o.max_output_kb})` },
        );
      } catch (error) {
        failures.push(`group ${group}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const { rows, unread } = parseOffsetChecker(output);
      const totals = new Map<string, number>();
      for (const row of rows) {
        const base = [...(cluster ? [cluster] : []), row.group, row.topic];
        ctx.publish([...base, row.partition].join('.'), row.lag);
        totals.set(base.join('.'), (totals.get(base.join('.')) ?? 0) + row.lag);
      }
      for (const [base, total] of totals) ctx.publish(`${base}.total`, total);
      if (unread.length > 0) failures.push(`group ${group}: ${unread.length} line(s) without a numeric lag, such as ${JSON.stringify(unread[0])}`);
    }
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

import { defineCollector, SpinelError } from '@spinel/sdk';
import { runCommand, type CommandRun } from '@spinel/plugin-kit';
import { catalogue } from './catalogue.js';
import { options } from './options.js';
import { clusterName, parseOffsetChecker } from './offsets.js';

/** Why a finished run gave no table: its deadline, its output cap or its exit code (with stderr's first line). */
function failureOf(run: CommandRun, timeoutS: number, maxKb: number): string | undefined {
  if (run.stopped === 'timeout') return `no answer within command_timeout (${timeoutS} s)`;
  if (run.stopped === 'output') return `printed more than max_output_kb (${maxKb})`;
  if (run.code !== 0) return `exited with code ${String(run.code)}${run.stderr ? `: ${run.stderr.split('\n')[0]}` : ''}`;
  return undefined;
}

export default defineCollector({
  name: 'kafkaconsumerlag',
  description: "Kafka consumer lag per group, topic and partition from `kafka-run-class.sh kafka.tools.ConsumerOffsetChecker` (Diamond KafkaConsumerLagCollector's names, the Metricly fork's per-topic total).",
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
      const command = [...(o.use_sudo ? [o.sudo_cmd] : []), o.bin, 'kafka.tools.ConsumerOffsetChecker', '--group', group, '--zookeeper', zookeeper, ...(o.topic ? ['--topic', o.topic] : [])];
      const [file = '', ...args] = command;
      let run: CommandRun;
      try {
        run = await runCommand(file, args, { timeoutMs: o.command_timeout * 1000, maxOutputBytes: o.max_output_kb * 1024, signal: ctx.signal });
      } catch (error) {
        failures.push(`group ${group}: ${command.join(' ')} failed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        continue;
      }
      const why = failureOf(run, o.command_timeout, o.max_output_kb);
      if (why !== undefined) {
        failures.push(`group ${group}: ${command.join(' ')} failed: ${why}`);
        continue;
      }
      const { rows, unread } = parseOffsetChecker(run.stdout);
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

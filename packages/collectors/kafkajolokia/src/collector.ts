import { defineCollector, SpinelError, type CollectContext } from '@spinel/sdk';
import { commandOutput } from '@spinel/plugin-kit';
import { closeJolokia, compileRewrites, jolokiaState, patternIssues, publishJolokia, type JolokiaState } from '@spinel/collector-jolokia';
import { catalogue } from './catalogue.js';
import { parseGroupLag } from './lag.js';
import { kafkaName } from './names.js';
import { options } from './options.js';
import { readMntr } from '@spinel/collector-zookeeper';
import { zookeeperTarget } from './zookeeper.js';

type Ctx = CollectContext<typeof options>;

/** One Kafka tool run's stdout, or an error naming the command and why. */
function tool(ctx: Ctx, args: readonly string[]): Promise<string> {
  const o = ctx.options;
  const command = [...(o.use_sudo ? [o.sudo_cmd] : []), o.bin, ...args];
  return commandOutput(
    command,
    { timeoutMs: o.command_timeout * 1000, maxOutputBytes: o.max_output_kb * 1024, signal: ctx.signal },
    { timeout: `command_timeout (${o.command_timeout} s)`, output: `max_output_kb (${o.max_output_kb})` },
  );
}

/** The connect string Kafka's tools get: the chroot, or 0.8's default `/kafka`. */
function connectString(o: Ctx['options']): string {
  const chroot = o.chroot || (o.version === '0.8' ? '/kafka' : '');
  return chroot ? `${o.zookeeper}${chroot.startsWith('/') ? '' : '/'}${chroot}` : o.zookeeper;
}

/** Consumer lag through Kafka's tools, each group's table published under zookeeper.consumer_groups. */
async function consumerLag(ctx: Ctx, failures: string[]): Promise<void> {
  const o = ctx.options;
  const zookeeper = connectString(o);
  type Table = [group: string, args: string[], separator: ', ' | ' '];
  let tables: Table[];
  if (o.version === '0.8') {
    const topic = o.topics.length ? ['--topic', o.topics.join(',')] : [];
    tables = o.consumer_groups.map(
      (group): Table => [group, [...o.args, 'kafka.tools.ConsumerOffsetChecker', '--group', group, '--zookeeper', zookeeper, ...topic], ' '],
    );
  } else {
    const groups = (await tool(ctx, ['kafka.admin.ConsumerGroupCommand', '--list', '--zookeeper', zookeeper]))
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    tables = groups.map((group): Table => [group, ['kafka.admin.ConsumerGroupCommand', '--describe', '--group', group, '--zookeeper', zookeeper], ', ']);
  }
  for (const [group, args, separator] of tables) {
    try {
      const { rows, problem } = parseGroupLag(await tool(ctx, args), separator);
      for (const row of rows) {
        const base = `zookeeper.consumer_groups.${row.group}.${row.topic}.partition-${row.partition}`;
        ctx.publish(`${base}.consumer_offset`, row.consumerOffset);
        ctx.publish(`${base}.broker_offset`, row.brokerOffset);
        ctx.publish(`${base}.consumer_lag`, row.lag);
        ctx.publish(`${base}.has_owner`, row.hasOwner ? 1 : 0);
      }
      if (problem !== undefined) failures.push(`group ${group}: ${problem}`);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      failures.push(`group ${group}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export default defineCollector({
  privileged: 'runs kafka-run-class.sh (bin, sudo_cmd)',
  name: 'kafkajolokia',
  description:
    "Kafka broker MBeans through a Jolokia agent, ZooKeeper's mntr figures and consumer lag through Kafka's tools (the Metricly agent's KafkaJolokiaCollector and its names).",
  path: 'kafka',
  options,
  validate: patternIssues,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): JolokiaState {
    const rewrites = compileRewrites(ctx.options.rewrite);
    return jolokiaState(ctx.options, (text) => kafkaName(text, rewrites));
  },
  teardown: closeJolokia,
  // The fork's order: consumer lag, ZooKeeper, then the broker's MBeans; a part that fails is named and the others read.
  async collect(ctx, state) {
    const failures: string[] = [];
    const part = async (what: string, work: () => Promise<void>): Promise<void> => {
      try {
        await work();
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    if (ctx.options.version) await part('consumer lag', () => consumerLag(ctx, failures));
    await part('zookeeper', async () => {
      const wanted = new Set(ctx.options.zookeeper_figures);
      for (const [key, value] of await readMntr(zookeeperTarget(ctx.options.zookeeper), ctx.options.zookeeper_timeout * 1000, ctx.signal)) {
        if (wanted.has('*') || wanted.has(key)) ctx.publish(`zookeeper.${key}`, value);
      }
    });
    await part('jolokia', () => publishJolokia(ctx, state));
    if (failures.length > 0) throw new SpinelError('SPINEL_SOURCE_UNREACHABLE', failures.join('; '));
  },
});

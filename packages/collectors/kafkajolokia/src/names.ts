import { keyValues, metriclyName, type Rewrite } from '@spinel/collector-jolokia';

const dashed = (value: string): string => value.replaceAll('.', '-');

/** Where each Kafka MBean key goes in the name, and how its value is written (the fork's table). */
const KEY_SLOTS: Readonly<Record<string, readonly [slot: string, prefix: string]>> = {
  name: ['name', ''],
  request: ['request', ''],
  topic: ['topic', ''],
  partition: ['partition', 'partition-'],
  'broker-id': ['broker', 'broker-'],
  networkprocessor: ['networkProcessor', 'networkprocessor-'],
  processor: ['processor', 'processor-'],
  clientid: ['client', ''],
  'client-id': ['client', ''],
  delayedoperation: ['delayedOp', ''],
  brokerhost: ['brokerHost', ''],
  groupid: ['group', ''],
  // The fork wrote a thread id into the broker slot.
  threadid: ['broker', 'thread-'],
  fetchertype: ['fetcher', ''],
};

/** The fork's regrouping of Kafka's MBean types. */
function regroup(type: string, domain: string): [type: string, domain: string] {
  const lower = type.toLowerCase();
  if (lower.includes('logcleaner')) return ['LogCleaner', domain];
  if (lower.includes('socket') || lower === 'processor') return ['SocketServer', domain];
  if (lower.includes('controller-channel-metrics')) return ['ControllerStats', domain];
  if (lower.includes('kafka-metrics-count')) return ['KafkaServer', domain];
  if (lower === 'partition') return ['', domain];
  if (lower === 'controllerstats' || lower === 'kafkacontroller') return ['', 'controller'];
  if (lower === 'log') return ['Topics', domain];
  return [type, domain];
}

/**
 * The Metricly fork's KafkaJolokiaCollector clean_up: a kafka.* MBean attribute as
 * `<domain less "kafka.">.<type>[.<fetcher,request,broker host-port,group,client,delayed op,topic,
 * partition,broker,processor,network processor>].<name>[.<statistic>]` (BrokerTopicMetrics without a
 * topic under `_all`, a `Value` statistic left off), no rewrites; other domains as the fork's
 * Jolokia naming. Returns '' where the fork's parsing failed (no figure).
 */
export function kafkaName(text: string, rewrites: readonly Rewrite[]): string {
  const parts = text.split(':');
  const base = parts[0] ?? '';
  if (parts.length < 2) return '';
  if (!base.startsWith('kafka')) return metriclyName(text, rewrites);
  const slots: Record<string, string> = {};
  let type = '';
  let brokerPort = '';
  for (const [key, value] of keyValues(parts[1] ?? '')) {
    const k = key.toLowerCase();
    if (k === 'type') type = value;
    else if (k === 'brokerport') brokerPort = dashed(value);
    else {
      const slot = KEY_SLOTS[k];
      if (slot) slots[slot[0]] = `.${slot[1]}${dashed(value)}`;
    }
  }
  const dot = type.indexOf('.');
  const statistic = dot < 0 ? '' : type.slice(dot + 1);
  const [group, domain] = regroup(dot < 0 ? type : type.slice(0, dot), base.slice(6));
  const topic = slots.topic ?? (group === 'BrokerTopicMetrics' ? '._all' : '');
  const hostPort = slots.brokerHost && brokerPort ? `${slots.brokerHost}-${brokerPort}` : '';
  const s = (name: string): string => slots[name] ?? '';
  const metric = `${group ? `${domain}.${group}` : domain}${s('fetcher')}${s('request')}${hostPort}${s('group')}${s('client')}${s('delayedOp')}${topic}${s('partition')}${s('broker')}${s('processor')}${s('networkProcessor')}${s('name')}`;
  return statistic && statistic !== 'Value' ? `${metric}.${statistic}` : metric;
}

import type { Sample } from '@spinel/sdk';
import { sampleRecord } from '@spinel/plugin-kit';

export interface Message {
  topic: string;
  payload: string;
}

export interface MessageOptions {
  mode: 'sample' | 'batch';
  topic: string;
  batchTopic: string;
  prefix: string;
  payload: 'diamond' | 'json';
}

const TOPIC_WILDCARDS = /[#+\u0000]/g;

function topicOf(template: string, sample: Pick<Sample, 'path' | 'host' | 'collectorPath' | 'name'>, prefix: string): string {
  const topic = template
    .replaceAll('{path}', sample.path.replaceAll('.', '/'))
    .replaceAll('{host}', sample.host ?? 'unknown')
    .replaceAll('{collector}', sample.collectorPath)
    .replaceAll('{name}', sample.name.replaceAll('.', '/'))
    // wildcards are for subscribers; a published topic must not contain them
    .replace(TOPIC_WILDCARDS, '_');
  return prefix ? `${prefix.replace(/\/$/, '')}/${topic}` : topic;
}

/** The messages of one delivery. */
export function messagesFor(batch: readonly Sample[], options: MessageOptions): Message[] {
  if (options.mode === 'batch') {
    const byHost = new Map<string, Sample[]>();
    for (const sample of batch) {
      const host = sample.host ?? 'unknown';
      let list = byHost.get(host);
      if (!list) byHost.set(host, (list = []));
      list.push(sample);
    }
    return [...byHost].map(([host, samples]) => ({
      topic: topicOf(options.batchTopic, { path: '', host, collectorPath: '', name: '' }, options.prefix),
      payload: JSON.stringify(samples.map((s) => sampleRecord(s))),
    }));
  }
  return batch.map((s) => ({
    topic: topicOf(options.topic, s, options.prefix),
    payload: options.payload === 'json' ? JSON.stringify(sampleRecord(s)) : `${s.value} ${Math.trunc(s.timestamp)}`,
  }));
}

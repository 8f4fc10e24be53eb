import type { Sample } from '@spinel/sdk';
import { sampleRecord, type SampleRecord } from '@spinel/plugin-kit';

const NOT_A_TOKEN = /[.\s*>]/g;

/** A subject from the template, each placeholder made one token (no dots, spaces or wildcards). */
export function subjectOf(template: string, sample: Pick<Sample, 'host' | 'collectorPath' | 'name'>): string {
  return template
    .replaceAll('{host}', (sample.host ?? 'unknown').replace(NOT_A_TOKEN, '_'))
    .replaceAll('{collector}', sample.collectorPath.replace(NOT_A_TOKEN, '_'))
    .replaceAll('{name}', sample.name.replace(NOT_A_TOKEN, '_'));
}

/** The messages of one delivery: per subject a JSON array, or one JSON object per sample. */
export function messagesFor(batch: readonly Sample[], template: string, per: 'batch' | 'sample'): Array<{ subject: string; data: string }> {
  if (per === 'sample') return batch.map((s) => ({ subject: subjectOf(template, s), data: JSON.stringify(sampleRecord(s)) }));
  const bySubject = new Map<string, SampleRecord[]>();
  for (const s of batch) {
    const subject = subjectOf(template, s);
    let list = bySubject.get(subject);
    if (!list) bySubject.set(subject, (list = []));
    list.push(sampleRecord(s));
  }
  return [...bySubject].map(([subject, records]) => ({ subject, data: JSON.stringify(records) }));
}

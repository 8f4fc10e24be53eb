import type { MetricKind, MetriclyElement, MetriclySample, NameValue } from './types.js';

/** What describes the element itself; fixed for the life of a handler. */
export interface ElementIdentity {
  id: string;
  name: string;
  type: string;
  location?: string | undefined;
  attributes: readonly NameValue[];
  tags: readonly NameValue[];
  relations: readonly string[];
}

const UNSAFE = /[^a-zA-Z0-9._-]/g;

/** Metric ids as the ingest API accepts them: anything outside `[a-zA-Z0-9._-]` becomes `_`. */
export function sanitizeMetricId(id: string): string {
  return id.replace(UNSAFE, '_');
}

/**
 * One POST's worth of an element. The metric list is built per batch and dropped with it: the
 * Python client kept every metric id it had ever seen on its element, which is what grew without
 * bound under container churn.
 */
export class ElementBatch {
  private readonly metrics = new Map<string, MetricKind>();
  private readonly samples: MetriclySample[] = [];

  constructor(private readonly identity: ElementIdentity) {}

  get size(): number {
    return this.samples.length;
  }

  /** Adds a sample; `timestamp` in seconds, as the agent keeps it. */
  add(metricId: string, timestamp: number, value: number, kind: MetricKind, extra?: Omit<MetriclySample, 'metricId' | 'timestamp' | 'val'>): void {
    const id = sanitizeMetricId(metricId);
    if (!this.metrics.has(id)) this.metrics.set(id, kind);
    this.samples.push({ metricId: id, timestamp: Math.round(timestamp * 1000), val: value, ...extra });
  }

  toJSON(): MetriclyElement {
    const { identity } = this;
    const element: MetriclyElement = {
      id: identity.id,
      name: identity.name,
      type: identity.type,
      attributes: [...identity.attributes],
      tags: [...identity.tags],
      relations: identity.relations.map((fqn) => ({ fqn })),
      metrics: [...this.metrics].map(([id, type]) => ({ id, type, unit: '', sparseDataStrategy: 'None' })),
      samples: this.samples,
    };
    if (identity.location) element.location = identity.location;
    return element;
  }
}

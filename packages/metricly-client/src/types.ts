/** The ingest API's JSON shapes, as the Netuitive Python client and Diamond's handler sent them. */

export interface NameValue {
  name: string;
  value: string;
}

export type MetricKind = 'GAUGE' | 'COUNTER';

export interface MetriclyMetric {
  id: string;
  type: MetricKind;
  unit: string;
  sparseDataStrategy: 'None' | 'ReplaceWithZero' | 'ReplaceWithLast' | 'ReplaceWithHistoricalMax' | 'ReplaceWithHistoricalMin';
  tags?: NameValue[];
}

export interface MetriclySample {
  metricId: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  val: number;
  min?: number;
  max?: number;
  avg?: number;
  sum?: number;
  cnt?: number;
}

export interface MetriclyElement {
  id: string;
  name: string;
  type: string;
  location?: string;
  attributes: NameValue[];
  tags: NameValue[];
  relations: Array<{ fqn: string }>;
  metrics: MetriclyMetric[];
  samples: MetriclySample[];
}

export type EventLevel = 'INFO' | 'WARNING' | 'CRITICAL';

export interface MetriclyEvent {
  source: string;
  type: 'INFO';
  title: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  tags?: NameValue[];
  data: { elementId: string; level: EventLevel; message: string };
}

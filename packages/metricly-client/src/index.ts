export { MetriclyClient, MetriclyDisabledError, DEFAULT_INGEST_URL, KILL_CODES, type MetriclyClientOptions } from './client.js';
export { ElementBatch, sanitizeMetricId, type ElementIdentity } from './element.js';
export type { MetriclyElement, MetriclyEvent, MetriclyMetric, MetriclySample, MetricKind, NameValue, EventLevel } from './types.js';

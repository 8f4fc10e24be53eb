export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
// Parsing, exported for fixture tests and for tools that read the same sources.
export { readCgroupUsage, parseProcCgroup } from './cgroups.js';
export { parseStatsJson, type StatsJson } from './stats-api.js';
export type { ContainerUsage, Networks } from './usage.js';
export type { DockerResources } from './resources.js';
export { metriclySamples, metriclyMinimalSamples, metriclyContainerName, type MetriclySample, type MetriclyStats } from './metricly.js';
export { DIAMOND_METRICS, diamondContainerSamples } from './diamond.js';

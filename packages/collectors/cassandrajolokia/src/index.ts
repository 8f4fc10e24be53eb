export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { computePercentile, createOffsets } from './histogram.js';
export { cassandraName } from './names.js';

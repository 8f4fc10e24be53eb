export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { clusterName, parseOffsetChecker, type LagRow } from './offsets.js';

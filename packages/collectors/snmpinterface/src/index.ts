export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { COUNTER_COLUMNS, GAUGE_COLUMNS, interfaceSegment } from './if-mib.js';

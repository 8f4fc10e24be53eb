export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options, DIAMOND_GAUGES } from './options.js';
export { parsePdnsList } from './list.js';

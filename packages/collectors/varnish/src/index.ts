export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { varnishCounters } from './varnishstat.js';
export { KEYS_V3, KEYS_V4 } from './keys.js';

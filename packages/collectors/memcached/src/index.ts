export { default, type MemcachedResources } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { parseHost, type MemcachedHost } from './hosts.js';
export { parseStats, readStats, maxConnections } from './stats.js';

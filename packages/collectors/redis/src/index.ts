export { default, type RedisResources } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { parseInstances, type Instances } from './instances.js';
export { infoValues, parseInfo } from './info.js';

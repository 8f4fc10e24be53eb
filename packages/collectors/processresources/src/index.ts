export { default, type ProcessResources } from './collector.js';
export { catalogue } from './catalogue.js';
export { options, parseGroup, type GroupRules } from './options.js';

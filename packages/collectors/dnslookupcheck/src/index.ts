export { default } from './collector.js';
export { catalogue, checks } from './catalogue.js';
export { options, validate } from './options.js';

export { default } from './collector.js';
export { catalogue, checks } from './catalogue.js';
export { options } from './options.js';

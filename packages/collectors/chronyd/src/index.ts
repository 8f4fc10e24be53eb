export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { sourceOffsets, sourceName } from './sourcestats.js';

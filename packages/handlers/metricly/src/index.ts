export { default, parseTags, metricIdOf, buildElements } from './handler.js';
export { options } from './options.js';
export { humanSize } from './metadata.js';

export { default } from './collector.js';
export { catalogue, figureType } from './catalogue.js';
export { options } from './options.js';
export { parseInstances } from './instances.js';

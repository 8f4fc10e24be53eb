export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { jvmFigures, mbeanFigures, pingFigures } from './figures.js';

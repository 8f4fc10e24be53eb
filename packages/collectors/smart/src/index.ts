export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { smartAttributes, attributeStart, type SmartAttribute } from './attributes.js';

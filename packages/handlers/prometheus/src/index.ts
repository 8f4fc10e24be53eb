export { default } from './handler.js';
export { options } from './options.js';
export { Registry, escapeHelp, escapeLabelValue, type RegistryOptions } from './registry.js';

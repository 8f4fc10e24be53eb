export { default } from './handler.js';
export { options } from './options.js';
export * from './encode.js';

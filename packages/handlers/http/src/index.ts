export { default, jsonBody } from './handler.js';
export { options } from './options.js';

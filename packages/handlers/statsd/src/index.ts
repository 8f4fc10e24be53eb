export { default } from './handler.js';
export { options } from './options.js';
export { StatsdEncoder, packets, type TagStyle } from './encode.js';

export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { crc32, leafValue, walkTree } from './tree.js';

export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { NFS_LAYOUT } from './layout.js';

export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { readMntr } from './mntr.js';
export { parseDiamondHost as parseZookeeperHost } from '@spinel/plugin-kit';

export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options, ZOOKEEPER_34_FIGURES } from './options.js';
export { kafkaName } from './names.js';
export { parseGroupLag, type GroupLag } from './lag.js';
export { zookeeperTarget } from './zookeeper.js';

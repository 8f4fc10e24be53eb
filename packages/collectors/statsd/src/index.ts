export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { parseLine, type StatsdLine, type StatsdType } from './line.js';
export { Aggregator, type Flushed } from './aggregate.js';
export type { StatsdResources } from './collector.js';

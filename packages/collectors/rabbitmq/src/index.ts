export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { selectQueues, wholeName, type QueueDocument, type QueueSelection } from './queues.js';

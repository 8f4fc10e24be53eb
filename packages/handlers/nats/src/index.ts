export { default } from './handler.js';
export { options } from './options.js';
export { messagesFor, subjectOf } from './messages.js';

export { default } from './handler.js';
export { options } from './options.js';
export { messagesFor, type Message, type MessageOptions } from './messages.js';

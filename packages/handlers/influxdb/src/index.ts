export { default } from './handler.js';
export { options } from './options.js';
export { encodeLines, escapeKey, escapeMeasurement, timestampIn, type EncodedLines, type Precision } from './line-protocol.js';

export { default } from './handler.js';
export { options } from './options.js';
export { LineProtocolEncoder, encodeLines, escapeKey, escapeMeasurement, timestampIn, type EncodedLines, type Precision } from './line-protocol.js';

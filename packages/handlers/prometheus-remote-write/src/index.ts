export { default } from './handler.js';
export { options } from './options.js';
export { encodeWriteRequest, type WriteSeries } from './protobuf.js';
export { encodeBody, seriesLabelCache, toWriteSeries } from './encode.js';

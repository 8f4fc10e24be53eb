export { default } from './handler.js';
export { options } from './options.js';
export { toResourceGroups, otlpSeriesCache, type ResourceGroup, type OtlpMetric, type DataPoint, type Attribute, type ModelOptions } from './model.js';
export { encodeProtobuf } from './protobuf.js';
export { encodeJson } from './json.js';

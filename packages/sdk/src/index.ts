export { SDK_API_VERSION } from './version.js';
export { SpinelError, MalformedFileError, PermanentDeliveryError, RetryLaterError, type SpinelErrorCode } from './errors.js';
export { describeValue, excerpt } from './describe.js';
export {
  option,
  validateOptions,
  validatePluginOptions,
  defaultOptions,
  secretKeys,
  type OptionSpec,
  type OptionsSchema,
  type OptionValues,
  type OptionIssue,
  type OptionsValidation,
  type ParseResult,
} from './options.js';
export { createCatalogueLookup, createMetricSpecLookup, catalogueNamePattern, type Catalogue, type MetricSpec, type MetricType } from './catalogue.js';
export { computeDerivative, MAX_COUNTER, type DerivativeOptions } from './derivative.js';
export { REDACTED, MIN_SCRUBBED_LENGTH, isSensitiveName, redactUrl, redactOptions, secretValues, createScrubber } from './redaction.js';
export { breaksLine, nameProblem, normalizeName, normalizePathName, pathNameProblem, normalizeDimensions, checkDimensionValue, escapeName } from './names.js';
export { buildMetricPath, sanitizePathSegment, type MetricPathParts } from './paths.js';
export { resolveHostname, HOSTNAME_METHODS, type HostnameMethod, type HostnameFacts } from './hostname.js';
export { createMetricFilter } from './filters.js';
export { convertBytes, parseByteUnit, BYTE_UNITS, type ByteUnit } from './units.js';
export { BoundedMap, type BoundedMapOptions } from './bounded-map.js';
export type { Logger, LogFields } from './logger.js';
export type { Sample, Dimensions, Check } from './sample.js';
export type { CollectorDefinition, CheckSpec, CollectContext, SetupContext, PublishOptions, HostPaths, FilesystemStats } from './collector.js';
export type { HandlerDefinition, HandlerContext, HandlerInstance, PluginDefinition } from './handler.js';
export { defineCollector, defineHandler } from './define.js';
export { readOptionalFile } from './files.js';
export { parseHeaderValueTables } from './proc-tables.js';
export { plaintextLine, plaintextLines, type PlaintextFields } from './plaintext.js';

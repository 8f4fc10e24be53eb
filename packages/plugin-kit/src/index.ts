export { withTimeout, TimeoutError } from './timeout.js';
export { tlsOptions, readTlsFiles, type TlsFiles } from './tls.js';
export { sampleRecord, type SampleRecord } from './record.js';
export { requestBody } from './gzip.js';
export {
  labelOptions,
  seriesName,
  seriesKey,
  SeriesCache,
  templateProblem,
  compileTemplate,
  templateIssues,
  assertTemplates,
  prometheusName,
  prometheusLabelName,
  prometheusSeries,
  type SeriesName,
  type LabelTemplates,
  type TemplateToken,
  type LabelMappingOptions,
  type PrometheusSeries,
} from './labels.js';
export { conventionalName, snakeCase, type ConventionalName } from './prometheus-names.js';
export { RequestSocket, describeTarget, type SocketTarget, type ReplyReader } from './request-socket.js';
export { readEachServer } from './each-server.js';
export { parseDiamondHost, type DiamondHost } from './diamond-host.js';
export { jsonLeaves, type JsonLeaf, type JsonLeavesOptions } from './json-leaves.js';
export { errorReason } from './error-reason.js';
export { boundHttpServer, type ListenerLimits, type ListenerEvents } from './http-listener.js';
export { http } from './node-http.js';
export { commandFailure, commandOutput, commandRun, runCommand, type CommandBounds, type CommandRun, type CommandLimits } from './run-command.js';

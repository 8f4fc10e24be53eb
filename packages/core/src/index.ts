export { Agent, type AgentDeps } from './agent.js';
export { createAgent, createAgentContainer, TOKENS, type ContainerInput } from './container.js';
export { CollectorRunner, describeFailure, type CollectorSettings, type RunResult, type RunFailure, type RunnerDeps } from './collect/collector-runner.js';
export { statfsOf } from './collect/statfs.js';
export { UndeclaredNames } from './collect/undeclared-names.js';
export { collectorSettings } from './collect/settings.js';
export { groupByWorker } from './config/worker-groups.js';
export {
  loadConfig,
  type EffectiveConfig,
  type PluginEntry,
  type AgentSettings,
  type CollectorCommon,
  type HandlerCommon,
  type ResolveOptions,
} from './config/resolve.js';
export { MAX_CONFIG_BYTES, parseConfig, readConfigFile, substituteEnv, type ConfigSource } from './config/load.js';
export { checkSpoolDirs } from './config/spool-check.js';
export { ConfigError, formatIssue, EXIT_CONFIG, type ConfigIssue } from './config/errors.js';
export { agentSchema, collectorCommonSchema, handlerCommonSchema } from './config/schema.js';
export { effectiveConfigDocument, printEffectiveConfig, configSecrets, REDACTED } from './config/print.js';
export { exposedSecretFiles } from './config/file-modes.js';
export { PluginIntrospector } from './plugins/introspect.js';
export { builtinPackageName, locatePlugin, type LocatedPlugin } from './plugins/locate.js';
export { definitionFromModule, assertDefinition, type PluginKind } from './plugins/definition.js';
export type { PluginDescription, OptionDoc } from './plugins/describe.js';
export { createLogger, RateLimitedLog, LOG_LEVELS, type LogLevel, type LogSink } from './support/logger.js';
export { createHostPaths, hostRootsFromEnv, type HostRoots } from './support/host-paths.js';
export { agentHostname, probeHostnameFacts } from './config/hostname.js';
export {
  BatchEncoder,
  encodeBatch,
  decodeBatch,
  decodeChecks,
  isCheckRecord,
  batchPaths,
  transferList,
  type EncodedBatch,
  type RecordType,
  type SampleInput,
} from './channel/encoded-batch.js';
export { Scheduler, staggerOffset, type ScheduledJob } from './schedule/scheduler.js';
export { Telemetry, type CollectorStats, type HandlerStats } from './telemetry/stats.js';
export { TelemetryPublisher } from './telemetry/publisher.js';
export { FanOut } from './route/fan-out.js';
export { HandlerQueue } from './deliver/handler-queue.js';
export type { QueuePolicy } from './deliver/queue-policy.js';
export type { HandlerTarget, DeliveryAnswer, DeliveryStats } from './deliver/target.js';
export type { BatchBuffer, Taken } from './deliver/buffer.js';
export { Batcher } from './deliver/batcher.js';
export { RetryStage } from './deliver/retry.js';
export { SpoolGuard, SPOOL_RETRY_MS, type SpoolWrite } from './deliver/spool-guard.js';
export { MemoryBuffer, batchBytes } from './deliver/memory-buffer.js';
export { RssGuard } from './threads/rss-guard.js';
export { MemoryAccount } from './threads/memory-account.js';
export { GrowthWatch } from './threads/growth-watch.js';
export { makeDir } from './support/private-dir.js';
export { DescriptorGuard, descriptorReserve } from './threads/descriptor-guard.js';
export { DiskBuffer, type SpoolEvents, type SpoolFull } from './deliver/disk-buffer.js';
export { encodeSpoolFile, decodeSpoolFile } from './deliver/spool-format.js';
export { Backoff } from './support/backoff.js';
export { RestartPolicy } from './threads/restart-policy.js';
export { guarded, reportGuardedError, GUARDED_SITES, type GuardedSite } from './support/guard.js';
export { withTimeout, TimeoutError, sleep } from './support/timeout.js';
export { forceGc, usedHeapBytes } from './support/gc.js';
export { heapCensus, type HeapCensus } from './support/heap-census.js';
export { LeakWatch, LEAK_WINDOW } from './telemetry/leak-watch.js';
export { statusSchema, isLoopback, lacksNeededToken, type StatusSettings } from './config/status-schema.js';
export { opampSchema, type OpampSettings } from './config/opamp-schema.js';
export { writeWhole } from './deliver/spool-files.js';
export type { RemoteLayer } from './config/remote-layer.js';
export { StatusBoard, type Problem, type ReloadRecord } from './status/board.js';
export { SeriesStore } from './status/series.js';
export { StatusServer, type StatusRoutes } from './status/server.js';
export { hostAllowed } from './status/request-guards.js';
export { handlerDestination } from './status/destination.js';
export { Ring, HistorySet } from './status/history.js';
export type { AgentStatus, AgentAbout, CollectorStatus, HandlerStatus, WorkerStatus } from './status/snapshot.js';
export type { DeliveryObserver, DropReason } from './deliver/target.js';

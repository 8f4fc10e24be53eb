import { HOSTNAME_METHODS, option } from '@spinel/sdk';
import { LOG_LEVELS } from '../support/logger.js';

/** The `agent:` section. */
export const agentSchema = {
  hostname: option.optionalString('Fixed host name for metric paths; overrides hostname_method.'),
  hostname_method: option.enum(HOSTNAME_METHODS, 'smart', "How to find the host name (Diamond's methods)."),
  path_prefix: option.string('servers', 'First segment of every metric path.'),
  path_suffix: option.string('', 'Segment placed after the host name, if any.'),
  log_level: option.enum(LOG_LEVELS, 'info', 'Lowest level written to the log.'),
  telemetry: option.boolean(true, "Publish the agent's own metrics under <prefix>.<host>.spinel."),
  telemetry_interval: option.number(10, 'Seconds between self-telemetry publications.', { min: 1 }),
  leak_watch_interval: option.number(
    300,
    "Seconds between the leak watch's readings of each worker's heap after a full GC (the GC is what a reading costs: about 10 ms per worker); a leak is suspected after 12 rising readings, an hour at the default.",
    { min: 1 },
  ),
  shutdown_timeout: option.number(10, 'Seconds allowed for the final flush on SIGINT/SIGTERM.', { min: 1 }),
  state_dir: option.optionalString(
    "Directory for what the agent keeps across restarts (the OpAMP instance id and last remote config); default systemd's $STATE_DIRECTORY (/var/lib/spinel for the packages), else none.",
  ),
  max_rss_mb: option.number(
    1024,
    'Resident memory of the whole agent process; past it, the worker holding the most memory (heap plus off-heap) is restarted and named in the log.',
    { min: 64 },
  ),
};

const pluginOption = option.optionalString('Package name or path of the plugin; default @spinel/<kind>-<entry name>.');
const workerOption = option.optionalString(
  "Worker thread: 'own' (isolated) or a shared group name; default the plugin's choice for built-in @spinel plugins, 'own' for every other plugin.",
);

/** Keys every collector entry accepts besides the plugin's own options. */
export const collectorCommonSchema = {
  plugin: pluginOption,
  enabled: option.boolean(true, 'Run this collector.'),
  interval: option.number(10, 'Seconds between runs.', { min: 0.05 }),
  timeout: option.number(0, 'Seconds a run may take before it is aborted; 0 means the interval.', { min: 0 }),
  splay: option.number(1, 'Upper bound in seconds of the start offset that staggers collectors.', { min: 0 }),
  path: option.optionalString("Metric path segment; default the plugin's (Diamond's collector path)."),
  path_prefix: option.optionalString('Overrides agent.path_prefix for this collector.'),
  path_suffix: option.optionalString('Overrides agent.path_suffix for this collector.'),
  instance_prefix: option.string('instances', 'First path segment of instance metrics.'),
  metrics_whitelist: option.regexList([], 'Publish only short names matching one of these patterns.'),
  metrics_blacklist: option.regexList([], 'Do not publish short names matching these patterns (ignored with a whitelist).'),
  measure_collector_time: option.boolean(false, 'Also publish collector_time_ms.'),
  worker: workerOption,
  max_heap_mb: option.number(64, 'Heap limit of the worker in MB; exceeding it restarts the worker.', { min: 8 }),
  max_external_mb: option.number(
    256,
    'Off-heap memory of the worker in MB (Buffers, ArrayBuffers, native objects), checked after every run; exceeding it restarts the worker.',
    { min: 8 },
  ),
  max_descriptors: option.number(
    512,
    'Descriptors the worker may hold (files it opened, sockets, servers), checked after every run; exceeding it restarts the worker (its files and sockets close with it).',
    { min: 16, integer: true },
  ),
  max_series_state: option.number(100_000, 'Cap on remembered per-series values (previous counters).', { min: 1, integer: true }),
  series_state_ttl: option.number(
    3600,
    "Seconds a series' previous value is remembered without a new reading (at least three intervals). A run after a gap shorter than this (a suspended VM, an overloaded host) publishes the rate over the real elapsed time; a series gone for longer starts over.",
    { min: 1 },
  ),
};

/** Keys every handler entry accepts besides the plugin's own options. */
export const handlerCommonSchema = {
  plugin: pluginOption,
  enabled: option.boolean(true, 'Run this handler.'),
  worker: workerOption,
  max_heap_mb: option.number(128, 'Heap limit of the worker in MB; exceeding it restarts the worker.', { min: 8 }),
  max_external_mb: option.number(
    256,
    'Off-heap memory of the worker in MB (Buffers, ArrayBuffers, native objects), checked after every delivery; exceeding it restarts the worker.',
    { min: 8 },
  ),
  max_descriptors: option.number(
    512,
    'Descriptors the worker may hold (files it opened, sockets, servers), checked after every delivery; exceeding it restarts the worker (its files and sockets close with it).',
    { min: 16, integer: true },
  ),
  max_queue_samples: option.number(100_000, 'Samples queued for this handler before `overflow` drops some.', { min: 1, integer: true }),
  max_queue_mb: option.number(64, 'Megabytes queued for this handler (estimated from the encoded batches) before `overflow` drops some.', { min: 1 }),
  overflow: option.enum(
    ['drop_oldest', 'drop_newest'],
    'drop_oldest',
    'What a full queue drops: the oldest queued batches or the arriving one; both are counted.',
  ),
  retry_initial: option.number(1, 'Seconds before the first retry of a batch that failed; doubles each time, with jitter.', { min: 0.01 }),
  retry_max: option.number(60, 'Upper bound in seconds of the retry delay.', { min: 0.01 }),
  process_timeout: option.number(60, "Seconds one delivery may take in the handler's process() before its worker is declared hung and restarted.", {
    min: 0.1,
  }),
  batch_size: option.number(1000, 'Samples handed to the handler at a time (whole collector runs are joined up to this).', { min: 1, integer: true }),
  flush_interval: option.number(1, 'Seconds a sample may wait for its batch to fill before it is sent anyway.', { min: 0 }),
  spool_dir: option.optionalString(
    'Directory for the disk spool (one subdirectory per handler). While the backend fails, batches wait here instead of memory and survive a restart.',
  ),
  spool_max_mb: option.number(256, 'Upper bound of the spool on disk; `overflow` says what gives when it is full.', { min: 1 }),
};

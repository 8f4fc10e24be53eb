import type { CollectorSettings } from '../channel/run.js';
import { collectorPath } from '../config/collector-path.js';
import type { AgentSettings, CollectorCommon, PluginEntry } from '../config/resolve.js';

/** Turns a resolved collector entry into the runner's settings. */
export function collectorSettings(entry: PluginEntry<CollectorCommon>, agent: AgentSettings, hostname: string | undefined): CollectorSettings {
  const c = entry.common;
  return {
    key: entry.key,
    collectorPath: collectorPath(entry),
    pathPrefix: c.path_prefix ?? agent.path_prefix,
    pathSuffix: c.path_suffix ?? agent.path_suffix,
    hostname,
    instancePrefix: c.instance_prefix,
    interval: c.interval,
    timeout: c.timeout > 0 ? c.timeout : c.interval,
    metricsWhitelist: c.metrics_whitelist,
    metricsBlacklist: c.metrics_blacklist,
    measureCollectorTime: c.measure_collector_time,
    maxSeriesState: c.max_series_state,
    seriesStateTtl: c.series_state_ttl,
  };
}

import type { MetricSpec } from '@spinel/sdk';
import { collectorPath } from '../config/collector-path.js';
import type { EffectiveConfig } from '../config/resolve.js';

/** Collector path → catalogue, for every configured collector: what handlers may describe (HELP, units). */
export function collectorCatalogues(config: EffectiveConfig): Record<string, MetricSpec[]> {
  const out: Record<string, MetricSpec[]> = {};
  for (const entry of config.collectors) out[collectorPath(entry)] = [...entry.description.catalogue];
  return out;
}

// What promtool says of the prometheus handler's exposition of some collector output: the names a
// Prometheus user would scrape from Spinel must pass `promtool check metrics`.
import type { Catalogue, CollectorDefinition } from '@spinel/sdk';
import { createMetricSpecLookup } from '@spinel/sdk';
import { makeSample } from '@spinel/testing';
import { Registry } from '@spinel/handler-prometheus';
import type { SampleInput } from '@spinel/core';
import { promtoolCheckMetrics } from '../../../tooling/services/prometheus.mjs';

import { havePrometheus } from '../../../tooling/services/prometheus.mjs';

export { havePrometheus };
if (!havePrometheus) console.warn('prometheus names: promtool is missing (apt-get install prometheus), so the promtool checks are skipped');

/** Collects what collectors published, then renders it all as one scrape and asks promtool. */
export class ExpositionLint {
  private readonly catalogues: Record<string, Catalogue> = {};
  private readonly published: ReturnType<typeof makeSample>[] = [];

  add(definition: CollectorDefinition, samples: readonly SampleInput[]): void {
    this.catalogues[definition.path] = definition.catalogue;
    for (const s of samples) {
      this.published.push(
        makeSample({ collectorPath: definition.path, name: s.name, value: s.value, type: s.type, timestamp: 1_700_000_000, dimensions: s.dimensions }),
      );
    }
  }

  get size(): number {
    return this.published.length;
  }

  /** promtool's complaints, one per line; empty when it accepts the scrape. */
  problems(): string {
    const registry = new Registry({ mapping: { hostLabel: 'host' }, expiration: 1e9, maxSeries: 1e6, describe: createMetricSpecLookup(this.catalogues) });
    registry.update(this.published, 1_700_000_000);
    const check = promtoolCheckMetrics(registry.render(1_700_000_000));
    return check.ok ? '' : check.output;
  }
}

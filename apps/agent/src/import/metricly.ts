/**
 * Where Metricly's agent (Netuitive/netuitive-diamond) ran a collector with other defaults than
 * Diamond's: an imported Metricly config gets these wherever it does not set the option itself,
 * so the imported agent publishes what the Metricly agent published.
 */
const METRICLY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  // CPUCollector: include_cpu_pct = True (the aggregate `percent` beside the per-state rates).
  cpu: { include_cpu_pct: 'True' },
  // DiskSpaceCollector: simple = True (only byte_percentfree and byte_percentavailable).
  diskspace: { simple: 'True' },
  // NetworkCollector: Diamond's interface prefixes plus en and p4p.
  network: { interfaces: ['eth', 'bond', 'em', 'p1p', 'eno', 'enp', 'ens', 'enx', 'en', 'p4p'] },
  // JolokiaCollector: the fork's clean_up (domain.type.name<attribute>), not Diamond's.
  jolokia: { naming: 'metricly' },
  cassandrajolokia: { naming: 'metricly' },
};

/** Fills the Metricly agent's defaults into the imported collector entries that leave them unset. */
export function applyMetriclyDefaults(collectors: Record<string, unknown>): void {
  for (const [key, defaults] of Object.entries(METRICLY_DEFAULTS)) {
    const entry = collectors[key];
    if (typeof entry !== 'object' || entry === null) continue;
    const options = entry as Record<string, unknown>;
    for (const [option, value] of Object.entries(defaults)) if (!(option in options)) options[option] = value;
  }
}

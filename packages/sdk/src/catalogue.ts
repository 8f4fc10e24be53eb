/** How a published value behaves over time. `rate` is a per-second derivative of a counter. */
export type MetricType = 'gauge' | 'counter' | 'rate';

/**
 * One entry of a plugin's metric catalogue. `name` is Diamond's short name relative to the
 * collector path; `{placeholder}` segments match one path segment (`{cpu}.user` matches
 * `cpu0.user` and `total.user`), `{placeholder*}` matches one or more segments.
 */
export interface MetricSpec {
  readonly name: string;
  readonly type: MetricType;
  readonly unit: string;
  readonly description: string;
  /**
   * Published with default options; `false` marks an opt-in metric (an option turns it on). The
   * docs' "default" column and the contract suite (nothing opt-in with default options) read it.
   */
  readonly enabled?: boolean;
}

export type Catalogue = readonly MetricSpec[];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a catalogue name pattern to an anchored regular expression. */
export function catalogueNamePattern(name: string): RegExp {
  const source = name
    .split(/(\{[a-z_]+\*?\})/i)
    .map((part) => {
      if (/^\{[a-z_]+\*\}$/i.test(part)) return '.+';
      if (/^\{[a-z_]+\}$/i.test(part)) return '[^.]+';
      return escapeRegex(part);
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** Looks up the catalogue entry a published short name belongs to; exact names win over patterns. */
export function createCatalogueLookup(catalogue: Catalogue): (name: string) => MetricSpec | undefined {
  const exact = new Map<string, MetricSpec>();
  const patterns: Array<[RegExp, MetricSpec]> = [];
  for (const spec of catalogue) {
    if (spec.name.includes('{')) patterns.push([catalogueNamePattern(spec.name), spec]);
    else exact.set(spec.name, spec);
  }
  return (name) => exact.get(name) ?? patterns.find(([re]) => re.test(name))?.[1];
}

/**
 * A handler's `metricSpec`: the catalogue entry of a sample's metric, looked up in the catalogue
 * of the collector (by path) that published it.
 */
export function createMetricSpecLookup(
  catalogues: Readonly<Record<string, Catalogue>>,
): (sample: { collectorPath: string; name: string }) => MetricSpec | undefined {
  const lookups = new Map(Object.entries(catalogues).map(([path, catalogue]) => [path, createCatalogueLookup(catalogue)]));
  return (sample) => lookups.get(sample.collectorPath)?.(sample.name);
}

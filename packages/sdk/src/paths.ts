/** The parts that make Diamond's metric path `<prefix>.<host>[.<suffix>].<path>.<name>`. */
export interface MetricPathParts {
  pathPrefix: string;
  hostname: string | undefined;
  pathSuffix: string;
  /** The collector's path; `.` or empty means "no collector segment". */
  path: string;
  name: string;
  /** When set, Diamond's instance form `<instance_prefix>.<instance>.<path>.<name>` is used. */
  instance?: string | undefined;
  instancePrefix?: string;
}

/** Builds a metric path exactly as Diamond's `Collector.get_metric_path` does. */
export function buildMetricPath(parts: MetricPathParts): string {
  const noPath = parts.path === '.' || parts.path === '';
  if (parts.instance !== undefined) {
    const prefix = parts.instancePrefix ?? 'instances';
    return noPath ? [prefix, parts.instance, parts.name].join('.') : [prefix, parts.instance, parts.path, parts.name].join('.');
  }
  let prefix = parts.pathPrefix;
  if (parts.hostname) prefix = prefix ? `${prefix}.${parts.hostname}` : parts.hostname;
  if (parts.pathSuffix) prefix = prefix ? `${prefix}.${parts.pathSuffix}` : parts.pathSuffix;
  if (noPath) return prefix ? `${prefix}.${parts.name}` : parts.name;
  return prefix ? `${prefix}.${parts.path}.${parts.name}` : `${parts.path}.${parts.name}`;
}

/**
 * Makes a free-form string (a mount point, a container name) safe as one dotted-path segment:
 * dots, slashes and whitespace become `_`, other characters Graphite dislikes are dropped.
 */
export function sanitizePathSegment(segment: string): string {
  return segment.replace(/[\s./\\]+/g, '_').replace(/[^A-Za-z0-9_\-:@+=%]/g, '');
}

import type { Attribute, ResourceGroup } from './model.js';

// OTLP/JSON: protobuf's JSON mapping with lowerCamelCase names, enums as numbers and 64-bit
// integers (the nanosecond timestamps) as decimal strings.

const attributes = (list: readonly Attribute[]) => list.map((a) => ({ key: a.key, value: { stringValue: a.value } }));
const nanos = (ms: number): string => (BigInt(ms) * 1_000_000n).toString();

export function encodeJson(groups: readonly ResourceGroup[], scope: { name: string; version: string }): string {
  return JSON.stringify({
    resourceMetrics: groups.map((group) => ({
      resource: { attributes: attributes(group.attributes) },
      scopeMetrics: [
        {
          scope,
          metrics: group.metrics.map((m) => {
            const dataPoints = m.points.map((p) => ({
              attributes: attributes(p.attributes),
              ...(p.startTimeMs ? { startTimeUnixNano: nanos(p.startTimeMs) } : {}),
              timeUnixNano: nanos(p.timeMs),
              asDouble: p.value,
            }));
            return {
              name: m.name,
              description: m.description,
              unit: m.unit,
              ...(m.kind === 'gauge' ? { gauge: { dataPoints } } : { sum: { dataPoints, aggregationTemporality: 2, isMonotonic: true } }),
            };
          }),
        },
      ],
    })),
  });
}

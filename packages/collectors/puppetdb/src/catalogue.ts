import type { Catalogue, MetricSpec } from '@spinel/sdk';
import { EVENT_STATUSES, FIGURES } from './figures.js';

const UNITS: Readonly<Record<string, string>> = { gauge: 'as PuppetDB reports it', total: 'commands', rate: 'commands/s', seconds: 'seconds' };

export const catalogue: Catalogue = [
  ...FIGURES.map(
    (f): MetricSpec => ({
      name: f.name,
      type: f.kind === 'rate' ? 'rate' : f.kind === 'total' ? 'counter' : 'gauge',
      unit: UNITS[f.kind] ?? '',
      description: `\`${f.attribute}\` of PuppetDB's \`${f.bean}\`${f.kind === 'seconds' ? ', the median, in seconds' : ''}.`,
    }),
  ),
  ...Object.values(EVENT_STATUSES).map(
    (name): MetricSpec => ({
      name: `nodes.status.${name}`,
      type: 'gauge',
      unit: 'events',
      description: `Resource events of the nodes' latest reports whose status is ${name.replace(/e?s$/, '')}.`,
    }),
  ),
];

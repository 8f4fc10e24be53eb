import type { Catalogue } from '@spinel/sdk';
import { DIAMOND_GAUGES } from './options.js';

export const catalogue: Catalogue = [
  ...DIAMOND_GAUGES.map((name) => ({
    name,
    type: 'gauge' as const,
    unit: name.includes('latency') ? 'microseconds' : name.endsWith('bytes') ? 'bytes' : 'count',
    description: `\`${name}\` as pdns_control lists it (a level, in Diamond's gauge list).`,
  })),
  {
    name: '{figure}',
    type: 'rate',
    unit: 'per second',
    description:
      'Every other figure pdns_control lists (`udp-queries`, `corrupt-packets`, ...): a counter, as a per-second rate, as Diamond published it. A name added to `gauge_keys` is published as it is instead.',
  },
];

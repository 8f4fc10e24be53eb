import { BYTE_UNITS, type Catalogue, type MetricSpec } from '@spinel/sdk';
import { COUNTER_COLUMNS, GAUGE_COLUMNS } from './if-mib.js';

const under = (figure: string): string => `devices.{device}.{path}.{interface}.${figure}`;

export const catalogue: Catalogue = [
  ...Object.keys(GAUGE_COLUMNS).map(
    (name): MetricSpec => ({
      name: under(name),
      type: 'counter',
      unit: 'packets',
      description: `IF-MIB \`${name}\` since the interface counters started, as Diamond published it.`,
    }),
  ),
  ...['In', 'Out'].flatMap((way) =>
    BYTE_UNITS.map(
      (unit): MetricSpec => ({
        name: under(`ifHC${way}${unit}`),
        type: 'rate',
        unit: `${unit}s/s`,
        description: `Traffic ${way === 'In' ? 'received' : 'sent'} (ifHC${way}Octets) per second, in ${unit}s.`,
        enabled: unit === 'bit' || unit === 'byte',
      }),
    ),
  ),
  ...Object.keys(COUNTER_COLUMNS)
    .filter((name) => !name.endsWith('Octets'))
    .map((name): MetricSpec => ({ name: under(name), type: 'rate', unit: 'packets/s', description: `IF-MIB \`${name}\` per second.` })),
];

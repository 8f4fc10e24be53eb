import type { Catalogue } from '@spinel/sdk';
import { COMPONENT_FIGURES } from './components.js';

export const catalogue: Catalogue = Object.entries(COMPONENT_FIGURES).flatMap(([type, items]) =>
  items.map((item) =>
    item.endsWith('Count')
      ? {
          name: `${type}.{component}.${item.slice(0, -5)}`,
          type: 'rate' as const,
          unit: 'per second',
          description: `Flume's \`${item}\` of a ${type.toLowerCase()}, per second (Diamond's publish_counter).`,
        }
      : { name: `${type}.{component}.${item}`, type: 'gauge' as const, unit: 'percent', description: `Flume's \`${item}\` of a ${type.toLowerCase()}.` },
  ),
);

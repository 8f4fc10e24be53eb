import type { Catalogue, MetricSpec } from '@spinel/sdk';
import { CACHE_KEYS, CACHE_TYPES, CORE_KEYS, figureType, HANDLER_KEYS, JVM_KEYS, UPDATE_KEYS } from './figures.js';

const spec = (name: string, unit: string, description: string): MetricSpec => ({ name, type: figureType(name), unit, description });

/** Each figure of a core, named under the core (`{core}.…`) and, for Solr's default core (named ""), alone. */
const FIGURES: MetricSpec[] = [
  spec('response.QueryTime', 'milliseconds', "The ping's query time (`QTime`)."),
  spec('response.Status', 'status', "The ping's status: 0 when the core answers."),
  ...CORE_KEYS.map((key) => spec(`core.${key}`, key === 'warmupTime' ? 'milliseconds' : 'documents', `The searcher's \`${key}\`.`)),
  ...['standard', 'update'].flatMap((handler) =>
    HANDLER_KEYS.map((key) =>
      spec(
        `queryhandler.${handler}.${key}`,
        key.includes('Time') ? 'milliseconds' : key === 'avgRequestsPerSecond' ? 'requests/s' : 'requests',
        `The ${handler} request handler's \`${key}\`.`,
      ),
    ),
  ),
  ...UPDATE_KEYS.map((key) => spec(`updatehandler.${key}`, 'operations', `The update handler's \`${key}\`.`)),
  ...CACHE_TYPES.flatMap((type) =>
    CACHE_KEYS.map((key) =>
      spec(`cache.${type}.${key}`, key.includes('hitratio') ? 'ratio' : key === 'warmupTime' ? 'milliseconds' : 'entries', `The ${type}'s \`${key}\`.`),
    ),
  ),
  ...JVM_KEYS.map((key) => spec(`jvm.mem.${key}`, 'megabytes', `JVM memory \`${key}\`, in the unit Solr prints (MB).`)),
];

export const catalogue: Catalogue = [...FIGURES.map((f) => ({ ...f, name: `{core}.${f.name}` })), ...FIGURES];

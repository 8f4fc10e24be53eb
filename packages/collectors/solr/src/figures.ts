/** A figure as Diamond names it under a core (`queryhandler.standard.requests`), with its value. */
export type Figures = Map<string, number>;

export const CORE_KEYS = ['maxDoc', 'numDocs', 'warmupTime'];
export const HANDLER_KEYS = ['requests', 'errors', 'timeouts', 'totalTime', 'avgTimePerRequest', 'avgRequestsPerSecond'];
export const UPDATE_KEYS = ['commits', 'autocommits', 'optimizes', 'rollbacks', 'docsPending', 'adds', 'errors', 'cumulative_adds', 'cumulative_errors'];
export const CACHE_TYPES = ['fieldValueCache', 'filterCache', 'documentCache', 'queryResultCache'];
export const CACHE_KEYS = [
  'lookups',
  'hits',
  'hitratio',
  'inserts',
  'evictions',
  'size',
  'warmupTime',
  'cumulative_lookups',
  'cumulative_hits',
  'cumulative_hitratio',
  'cumulative_inserts',
  'cumulative_evictions',
];
export const JVM_KEYS = ['free', 'total', 'max', 'used'];

/** Running totals since Solr started (the rest are levels, or counts since the last commit). */
const COUNTER_KEYS = new Set([
  'requests',
  'errors',
  'timeouts',
  'totalTime',
  'commits',
  'autocommits',
  'optimizes',
  'rollbacks',
  'cumulative_adds',
  'cumulative_errors',
  'cumulative_lookups',
  'cumulative_hits',
  'cumulative_inserts',
  'cumulative_evictions',
]);

/** A figure's kind by its last segment (`queryhandler.standard.requests` is a counter). */
export function figureType(name: string): 'counter' | 'gauge' {
  return COUNTER_KEYS.has(name.slice(name.lastIndexOf('.') + 1)) ? 'counter' : 'gauge';
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/** Diamond's `_try_convert`: numbers as they are, numeric text as a number; anything else is no figure. */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function take(into: Figures, prefix: string, stats: Json, keys: readonly string[]): void {
  for (const key of keys) {
    const value = numberOf(stats[key]);
    if (value !== undefined) into.set(`${prefix}.${key}`, value);
  }
}

/** The ping answer: `response.QueryTime` and `response.Status` from its header. */
export function pingFigures(document: Json, into: Figures): void {
  const header = object(document.responseHeader);
  take(into, 'response', { QueryTime: header.QTime, Status: header.status }, ['QueryTime', 'Status']);
}

/** The mbeans answer: a flat list of category, beans, category, beans... as Diamond pairs it up. */
export function mbeanFigures(document: Json, wanted: ReadonlySet<string>, into: Figures): void {
  const list = Array.isArray(document['solr-mbeans']) ? (document['solr-mbeans'] as unknown[]) : [];
  const categories = new Map<string, Json>();
  for (let i = 0; i + 1 < list.length; i += 2) categories.set(String(list[i]), object(list[i + 1]));
  const statsOf = (category: string, bean: string): Json => object(object(object(categories.get(category))[bean]).stats);
  if (wanted.has('core')) take(into, 'core', statsOf('CORE', 'searcher'), CORE_KEYS);
  if (wanted.has('query')) {
    take(into, 'queryhandler.standard', statsOf('QUERYHANDLER', 'standard'), HANDLER_KEYS);
    take(into, 'queryhandler.update', statsOf('QUERYHANDLER', '/update'), HANDLER_KEYS);
  }
  if (wanted.has('update')) take(into, 'updatehandler', statsOf('UPDATEHANDLER', 'updateHandler'), UPDATE_KEYS);
  if (wanted.has('cache')) for (const type of CACHE_TYPES) take(into, `cache.${type}`, statsOf('CACHE', type), CACHE_KEYS);
}

/** The system answer: the JVM's memory in the unit Solr prints it in (`42.7 MB` is 42.7). */
export function jvmFigures(document: Json, into: Figures): void {
  const memory = object(object(document.jvm).memory);
  const first = Object.fromEntries(
    JVM_KEYS.map((key) => [key, typeof memory[key] === 'string' ? (memory[key] as string).trim().split(/\s+/)[0] : memory[key]]),
  );
  take(into, 'jvm.mem', first, JVM_KEYS);
}

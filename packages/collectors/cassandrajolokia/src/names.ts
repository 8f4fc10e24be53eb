import { metriclyName, keyValues, type Rewrite } from '@spinel/collector-jolokia';

const dashed = (value: string): string => value.replaceAll('.', '-');
const TABLE_TYPES = new Set(['ColumnFamily', 'ColumnFamilies', 'Tables', 'Table']);

/** The last `.statistic` after the last key (`...,type=ClientRequest.Count`), as the fork split it off. */
function splitStatistic(keys: string): [keys: string, statistic: string] {
  const comma = keys.lastIndexOf(',');
  if (comma < 0) return [keys, ''];
  const dot = keys.lastIndexOf('.');
  return dot > comma ? [keys.slice(0, dot), keys.slice(dot + 1)] : [keys, ''];
}

/** The fork's names of the older org.apache.cassandra.db and .net MBeans. */
function legacyName(base: string, type: string, keyspace: string, columnFamily: string): string {
  if (base === 'org.apache.cassandra.db') {
    if (type.startsWith('ColumnFamilies')) return `Keyspace._Keyspaces${keyspace}._Tables${columnFamily}${type.slice(14)}`;
    const [first = '', second] = type.split('.');
    const group = first === 'Caches' ? 'Cache' : first === 'Commitlog' ? 'CommitLog' : first === 'CompactionManager' ? 'Compaction' : first;
    return second === undefined ? group : `${group}.${second}`;
  }
  if (type.startsWith('FailureDetector')) return type;
  const rest = type.slice(17);
  if (rest.startsWith('DroppedMessages') || rest.startsWith('RecentlyDroppedMessages')) return `DroppedMessage.${rest.slice(rest.indexOf('.') + 1)}`;
  const dot = rest.indexOf('.');
  return `Connection.${dashed(rest.slice(dot + 1))}.${rest.slice(0, dot)}`;
}

/**
 * The Metricly fork's CassandraJolokiaCollector clean_up: Cassandra's MBeans grouped under
 * `Keyspace._Keyspaces.<ks>._Tables.<table>`, `ThreadPool.<path>.<scope>`, `<type>.<scope>.<name>`,
 * the statistic last (`Value` left off); java.* as `jvm.<type>`; anything else the fork's Jolokia
 * naming. No rewrites, as the fork. Returns '' where the fork's parsing failed (no figure).
 */
export function cassandraName(text: string, rewrites: readonly Rewrite[]): string {
  const colon = text.indexOf(':');
  if (colon < 0) return '';
  const base = text.slice(0, colon);
  const [keys, statistic] = splitStatistic(text.split(':')[1] ?? '');
  const parts: Record<string, string> = { type: '', keyspace: '', name: '', scope: '', columnfamily: '', path: '', table: '' };
  for (const [key, value] of keyValues(keys)) {
    const k = key.toLowerCase();
    if (!(k in parts)) continue;
    parts[k] = k === 'type' ? value : `.${dashed(value)}`;
  }
  const { type = '', keyspace = '', name = '', scope = '', columnfamily = '', path = '', table = '' } = parts;
  let metric: string;
  if (base === 'org.apache.cassandra.metrics') {
    if (TABLE_TYPES.has(type)) metric = keyspace ? `Keyspace._Keyspaces${keyspace}._Tables${scope}${table}${name}` : `Keyspace${scope}${table}${name}`;
    else if (type === 'Keyspace') metric = keyspace ? `Keyspace._Keyspaces${keyspace}${scope}${name}` : `Keyspace${scope}${name}`;
    else if (type === 'ThreadPool') metric = `${type}${path}${scope}${name}`;
    else metric = `${type}${scope}${name}`;
  } else if (base === 'org.apache.cassandra.internal' || base === 'org.apache.cassandra.request') metric = `ThreadPools.${type}`;
  else if (base === 'org.apache.cassandra.db' || base === 'org.apache.cassandra.net') metric = legacyName(base, type, keyspace, columnfamily);
  else if (base.startsWith('java')) metric = `jvm.${type}`;
  else return metriclyName(text, rewrites);
  return statistic !== '' && statistic !== 'Value' ? `${metric}.${statistic}` : metric;
}

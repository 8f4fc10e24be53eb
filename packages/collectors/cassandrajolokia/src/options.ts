import { option, type OptionSpec, type ParseResult } from '@spinel/sdk';
import { options as jolokia } from '@spinel/collector-jolokia';

/** Diamond's `percentiles`: whole numbers from 0 to 100, as a list or a comma-separated string. */
const percentiles: OptionSpec<number[]> = {
  kind: 'number[]',
  typeLabel: 'list of percentiles (0-100)',
  default: [50, 95, 99],
  description: 'Percentiles published for each histogram attribute, as `<attribute>.p<n>`.',
  secret: false,
  parse(raw): ParseResult<number[]> {
    const items = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : typeof raw === 'number' ? [raw] : undefined;
    const values = items?.map((item) => (typeof item === 'string' && item.trim() !== '' ? Number(item) : item));
    if (!values?.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100))
      return { ok: false, expected: 'a list of whole percentiles from 0 to 100' };
    return { ok: true, value: values as number[] };
  },
};

// The Jolokia collector's options with Diamond CassandraJolokiaCollector's two.
export const options = {
  ...jolokia,
  naming: option.enum(
    ['diamond', 'metricly'],
    'diamond',
    "`diamond` (Diamond's clean-up of the MBean name) or `metricly`, the Metricly fork's Cassandra names (`Keyspace._Keyspaces.<ks>._Tables.<table>.<name>`, `ClientRequest.Read.Latency.Count`). `spinel config import` picks `metricly` for a Metricly agent's config.",
  ),
  percentiles,
  histogram_regex: option.regex(
    '.*HistogramMicros$',
    'List attributes whose `mbean.attribute` name this matches (at its start) are histograms of bucket counts, published as percentiles; other lists are passed over.',
  ),
};

import { defineCollector } from '@spinel/sdk';
import { closeJolokia, compileRewrites, diamondName, jolokiaState, patternIssues, publishJolokia, type JolokiaState } from '@spinel/collector-jolokia';
import { catalogue } from './catalogue.js';
import { computePercentile, createOffsets } from './histogram.js';
import { cassandraName } from './names.js';
import { options } from './options.js';

/** Diamond's offsets: 92 bounds for Cassandra's 91-bucket histograms. */
const OFFSETS = createOffsets(91);

export default defineCollector({
  name: 'cassandrajolokia',
  description:
    "Cassandra's JMX metrics through a Jolokia agent, latency histograms as percentiles (Diamond CassandraJolokiaCollector's names, or the Metricly fork's with `naming: metricly`).",
  path: 'jolokia',
  options,
  validate: patternIssues,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): JolokiaState {
    const o = ctx.options;
    const rewrites = compileRewrites(o.rewrite);
    const name = o.naming === 'metricly' ? (text: string) => cassandraName(text, rewrites) : (text: string) => diamondName(text, rewrites);
    const histogram = new RegExp(o.histogram_regex);
    return {
      ...jolokiaState(o, name),
      list(prefix, values, publish) {
        if (histogram.exec(prefix)?.index !== 0 || !values.every((v): v is number => typeof v === 'number')) return;
        for (const percentile of o.percentiles) {
          const value = computePercentile(OFFSETS, values, percentile);
          const key = name(`${prefix}.p${percentile}`);
          if (value !== undefined && key !== '') publish(key, value);
        }
      },
    };
  },
  teardown: closeJolokia,
  collect: publishJolokia,
});

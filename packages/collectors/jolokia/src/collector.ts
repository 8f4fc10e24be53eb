import { defineCollector, type CollectContext, type OptionIssue, type OptionValues, type OptionsSchema } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { collectJolokia, type JolokiaState } from './collect.js';
import { compileRewrites, diamondName, metriclyName } from './names.js';
import { options } from './options.js';
import { JolokiaReader } from './reader.js';

type JolokiaOptions = OptionValues<typeof options>;

/** A pattern that does not compile, as an issue naming its key; shared by the Jolokia collectors. */
export function patternIssues(values: Pick<JolokiaOptions, 'mbeans' | 'rewrite'>): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const check = (key: string, pattern: string): void => {
    try {
      new RegExp(pattern);
    } catch (error) {
      issues.push({
        key,
        expected: 'a valid regular expression',
        found: `${JSON.stringify(pattern)} (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  };
  values.mbeans.forEach((pattern, i) => {
    check(`mbeans[${i}]`, pattern);
  });
  for (const pattern of Object.keys(values.rewrite)) check(`rewrite.${pattern}`, pattern);
  return issues;
}

/** The reader and matching every Jolokia collector builds from the common options. */
export function jolokiaState(o: Omit<JolokiaOptions, 'naming'>, name: (text: string) => string): JolokiaState {
  const reader = new JolokiaReader({
    host: o.host,
    port: o.port,
    jolokiaPath: o.jolokia_path,
    username: o.username,
    password: o.password,
    canonicalNames: o.use_canonical_names,
    timeoutMs: o.request_timeout * 1000,
    maxBytes: Math.round(o.max_response_mb * 1048576),
  });
  return { reader, domains: [...o.domains], mbeans: o.mbeans.map((pattern) => new RegExp(pattern)), name };
}

/** One run of a Jolokia collector: every figure published as the MBean reports it. */
export function publishJolokia<S extends OptionsSchema>(ctx: CollectContext<S>, state: JolokiaState): Promise<void> {
  return collectJolokia(state, ctx.signal, (name, value) => ctx.publish(name, value, { precision: Number.isInteger(value) ? 0 : 6 }));
}

export function closeJolokia(state: JolokiaState): Promise<void> {
  return state.reader.close();
}

export default defineCollector({
  name: 'jolokia',
  description: "JMX MBean attributes through a Jolokia agent (Diamond JolokiaCollector's names, or the Metricly fork's with `naming: metricly`).",
  path: 'jolokia',
  options,
  validate: patternIssues,
  catalogue,
  defaultWorker: 'own',
  setup(ctx): JolokiaState {
    const rewrites = compileRewrites(ctx.options.rewrite);
    const clean = ctx.options.naming === 'metricly' ? metriclyName : diamondName;
    return jolokiaState(ctx.options, (text) => clean(text, rewrites));
  },
  teardown: closeJolokia,
  collect: publishJolokia,
});

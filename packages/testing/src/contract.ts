import { createCatalogueLookup, type CollectorDefinition, type OptionsSchema } from '@spinel/sdk';
import type { SampleInput } from '@spinel/core';

/**
 * The catalogue contract: every published short name is declared in the collector's catalogue,
 * with the type it is published as, and, when the collector ran with its default options, none
 * is an opt-in metric (`enabled: false`). Returns readable problems (empty = the contract holds).
 */
export function catalogueProblems<S extends OptionsSchema>(
  definition: CollectorDefinition<S, unknown>,
  samples: readonly SampleInput[],
  defaultOptions = false,
): string[] {
  const lookup = createCatalogueLookup(definition.catalogue);
  const problems: string[] = [];
  for (const sample of samples) {
    const spec = lookup(sample.name);
    if (!spec) problems.push(`${definition.name}: published ${sample.name}, which its catalogue does not declare`);
    else if (spec.type !== sample.type) problems.push(`${definition.name}: published ${sample.name} as ${sample.type}, its catalogue says ${spec.type}`);
    else if (defaultOptions && spec.enabled === false)
      problems.push(`${definition.name}: published ${sample.name} with default options, but its catalogue marks ${spec.name} opt-in (enabled: false)`);
  }
  return [...new Set(problems)];
}

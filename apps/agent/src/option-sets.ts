import { parse as parseYaml } from 'yaml';
import { UsageError } from './errors.js';

/** `--set KEY=VALUE` arguments as option values; VALUE is YAML (`true`, `5`, `[a, b]`). */
export function parseOptionSets(assignments: readonly string[]): Record<string, unknown> {
  const sets: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const at = assignment.indexOf('=');
    if (at <= 0) throw new UsageError(`--set: expected KEY=VALUE, found ${JSON.stringify(assignment)}`);
    sets[assignment.slice(0, at)] = parseYaml(assignment.slice(at + 1)) as unknown;
  }
  return sets;
}

import { sanitizePathSegment } from '@spinel/sdk';
import type { TemplateToken } from '@spinel/plugin-kit';
import type { ExpositionSample } from './exposition.js';

/**
 * The Diamond path of a scraped series. With a template for the name's prefix (`cpu` of
 * `cpu_user`) the reverse of the handlers' mapping: the measurement first, then the label values
 * and the rest of the name (the field) in the template's order (`measurement` and `_` add
 * nothing; a template without `field` ends with it). Without one, `<metric>.<label values in
 * label-name order>`, so every series keeps a path of its own on a path-based backend.
 */
export function seriesPath(sample: ExpositionSample, templates: ReadonlyMap<string, readonly TemplateToken[]>): string {
  const underscore = sample.name.indexOf('_');
  const measurement = underscore > 0 ? sample.name.slice(0, underscore) : sample.name;
  const tokens = underscore > 0 ? templates.get(measurement) : undefined;
  if (tokens) {
    const field = sample.name.slice(underscore + 1);
    const segments = [measurement];
    for (const token of tokens) {
      if (token.kind === 'label') {
        const value = sample.labels[token.name];
        if (value !== undefined) segments.push(sanitizePathSegment(value));
      } else if (token.kind === 'field') segments.push(field);
    }
    if (!tokens.some((t) => t.kind === 'field')) segments.push(field);
    return segments.join('.');
  }
  const names = Object.keys(sample.labels).sort();
  return [sample.name, ...names.map((name) => sanitizePathSegment(sample.labels[name] ?? '') || '_')].join('.');
}

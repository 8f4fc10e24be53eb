import { appendFile } from 'node:fs/promises';
import { defineHandler, option, type Sample } from '@spinel/sdk';

/** Options: snake_case names, each with a default and a one-line description (the README's table). */
export const options = {
  path: option.string('{{name}}.jsonl', 'File the samples are appended to, one JSON object per line.'),
  include_dimensions: option.boolean(true, "Write each sample's dimensions (labels) too."),
};

/** One line per sample: path, value, timestamp (seconds) and, optionally, dimensions. */
export function toLine(sample: Sample, includeDimensions: boolean): string {
  const record: Record<string, unknown> = { path: sample.path, value: sample.value, timestamp: sample.timestamp };
  if (includeDimensions && sample.dimensions) record.dimensions = sample.dimensions;
  return JSON.stringify(record);
}

export default defineHandler({
  name: '{{name}}',
  description: 'Appends samples to a file as JSON lines.',
  options,
  // Rules a single option's type cannot say go here; `spinel config check` reports each issue with its key.
  validate: (o) => (o.path === '' || o.path.endsWith('/') ? [{ key: 'path', expected: 'a file name', found: JSON.stringify(o.path) }] : []),
  create(ctx) {
    const { path, include_dimensions: includeDimensions } = ctx.options;
    return {
      // Whole batches arrive here; throwing makes the agent retry the batch with backoff.
      async process(batch) {
        if (batch.length === 0) return;
        await appendFile(path, `${batch.map((s) => toLine(s, includeDimensions)).join('\n')}\n`);
      },
    };
  },
});

import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { buildElements, options } from '@spinel/handler-metricly';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.json
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('metricly', TESTCASES, 'json', (samples, raw) => {
  const o = optionsOf(raw);
  const identityOf = (host: string) => ({
    id: o.element_id ?? host,
    name: o.element_id ?? host,
    type: o.element_type,
    location: o.location,
    attributes: [],
    tags: [],
    relations: o.relations,
  });
  return `${JSON.stringify(buildElements(samples, identityOf, 'testhost'), null, 2)}\n`;
});

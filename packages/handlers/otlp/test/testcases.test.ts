import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { encodeJson, options, toResourceGroups } from '@spinel/handler-otlp';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.json
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('otlp', TESTCASES, 'json', (samples, raw) => {
  const o = optionsOf(raw);
  const scope = { name: 'spinel', version: 'test' };
  const groups = toResourceGroups(samples, {
    mapping: { templates: o.templates },
    resource: o.resource_attributes,
    describe: () => undefined,
    startTimeMs: 1_699_999_000_000,
    scope,
  });
  return `${JSON.stringify(JSON.parse(encodeJson(groups, scope)), null, 2)}\n`;
});

import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { options, Registry } from '@spinel/handler-prometheus';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('prometheus', TESTCASES, 'txt', (samples, raw) => {
  const o = optionsOf(raw);
  const registry = new Registry({
    mapping: { templates: o.templates, hostLabel: o.host_label },
    expiration: o.expiration,
    maxSeries: o.max_series,
    describe: () => undefined,
  });
  registry.update(samples, 1_700_000_020);
  return registry.render(1_700_000_020);
});

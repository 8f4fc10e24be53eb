import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { encodeLines, options, type Precision } from '@spinel/handler-influxdb';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('influxdb', TESTCASES, 'txt', (samples, raw) => {
  const o = optionsOf(raw);
  return encodeLines(samples, o.precision as Precision, { templates: o.templates, hostLabel: o.host_label }).text;
});

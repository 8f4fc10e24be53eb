import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { hexLines } from '@spinel/testing';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { encodeBody, options, toWriteSeries } from '@spinel/handler-prometheus-remote-write';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('prometheus-remote-write', TESTCASES, 'txt', (samples, raw) => {
  const o = optionsOf(raw);
  const series = toWriteSeries(samples, { templates: o.templates, hostLabel: o.host_label }, () => undefined);
  return `${JSON.stringify(series)}\n${hexLines(encodeBody(series))}`;
});

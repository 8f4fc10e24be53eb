import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { encodeRequests, options } from '@spinel/handler-cloudwatch';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('cloudwatch', TESTCASES, 'txt', (samples, raw) => {
  const o = optionsOf(raw);
  const { bodies } = encodeRequests(samples, {
    namespace: o.namespace,
    hostDimension: o.host_dimension,
    storageResolution: o.storage_resolution === '1' ? 1 : 60,
  });
  return bodies.map((body) => `${body}\n`).join('');
});

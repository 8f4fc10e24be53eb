import { fileURLToPath } from 'node:url';
import { validateOptions, plaintextLines } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { jsonBody, options } from '@spinel/handler-http';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('http', TESTCASES, 'txt', (samples, raw) => (optionsOf(raw).format === 'json' ? `${jsonBody(samples)}\n` : plaintextLines(samples)));

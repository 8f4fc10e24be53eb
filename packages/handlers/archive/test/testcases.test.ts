import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { graphiteLines, options } from '@spinel/handler-archive';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const _optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('archive', TESTCASES, 'txt', (samples) => graphiteLines(samples));

import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { hexLines } from '@spinel/testing';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { picklePayload, plaintextLine, options } from '@spinel/handler-graphite';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('graphite', TESTCASES, 'txt', (samples, raw) =>
  optionsOf(raw).proto === 'pickle' ? hexLines(picklePayload(samples)) : samples.map(plaintextLine).join(''),
);

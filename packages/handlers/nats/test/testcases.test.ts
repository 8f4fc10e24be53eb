import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { messagesFor, options } from '@spinel/handler-nats';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('nats', TESTCASES, 'txt', (samples, raw) => {
  const o = optionsOf(raw);
  return messagesFor(samples, o.subject, o.per)
    .map((m) => `${m.subject} ${m.data}\n`)
    .join('');
});

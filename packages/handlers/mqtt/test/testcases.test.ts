import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { messagesFor, options } from '@spinel/handler-mqtt';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('mqtt', TESTCASES, 'txt', (samples, raw) => {
  const o = optionsOf(raw);
  const messages = messagesFor(samples, { mode: o.mode, topic: o.topic, batchTopic: o.batch_topic, prefix: o.prefix, payload: o.payload });
  return messages.map((m) => `${m.topic} ${String(m.payload)}\n`).join('');
});

import { fileURLToPath } from 'node:url';
import { validateOptions } from '@spinel/sdk';
import { handlerTestcaseSuite } from '@spinel/testing/vitest';
import { StatsdEncoder, options, type TagStyle } from '@spinel/handler-statsd';

// Samples in, the exact wire output out, compared whole with testcases/<case>/expected.txt
// (`pnpm testcases:update` rewrites those files from a run; read the diff).
const TESTCASES = fileURLToPath(new URL('./testcases', import.meta.url));
const optionsOf = (raw: Record<string, unknown>) => validateOptions(options, raw).value;

handlerTestcaseSuite('statsd', TESTCASES, 'txt', (samples, raw) => {
  const o = optionsOf(raw);
  const { lines } = new StatsdEncoder(o.tags as TagStyle, o.prefix, o.max_counters, o.counter_ttl, () => 1_700_000_000).encode(samples);
  return lines.map((line) => `${line}\n`).join('');
});

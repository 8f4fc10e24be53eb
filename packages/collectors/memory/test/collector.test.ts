import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectOnce } from '@spinel/testing';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-memory';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { meminfo: 'MemTotal: 100 parsecs\n' }, message: 'meminfo: expected sizes in kB' },
  leak: { options: { detailed: true }, perRound: (r) => ({ proc: { meminfo: `MemTotal: ${1000 + r} kB\nMemFree: ${r} kB\nField${r}: ${r} kB\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'meminfo') },
});

describe('memory collector on bad input', () => {
  it('fails the run when MemTotal is missing from a non-empty file', async () => {
    const step = await collectOnce(collector, { proc: { meminfo: 'garbage\n' } });
    expect(step.result.error?.message).toMatch(/meminfo: expected a MemTotal line/);
  });
});

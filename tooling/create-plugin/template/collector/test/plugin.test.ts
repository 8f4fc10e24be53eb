import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectOnce } from '@spinel/testing';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '../src/index.js';

// The standard suite: every testcase under test/testcases, the catalogue contract, a missing
// file, a garbled file, a live run on this host and a 200-round leak test.
collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { loadavg: 'not a loadavg line\n' }, message: 'loadavg: expected' },
  leak: { perRound: (round) => ({ proc: { loadavg: `0.00 0.01 0.05 ${round % 7}/${100 + round} 4242\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'loadavg') },
});

describe('{{name}} options', () => {
  it('publish_total: false leaves the total out', async () => {
    const step = await collectOnce(collector, { proc: { loadavg: '0.10 0.20 0.30 3/456 789\n' } }, { options: { publish_total: false } });
    expect(step.samples.map((s) => [s.name, s.value])).toEqual([['running', 3]]);
  });

  it('README tables match the options and catalogue (after npm run build)', () => {
    execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/readme.mjs', import.meta.url)), '--check'], { stdio: 'pipe' });
  });
});

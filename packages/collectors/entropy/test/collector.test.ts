import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-entropy';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'sys/kernel/random/entropy_avail': 'plenty\n' }, message: 'entropy_avail: expected a whole number' },
  leak: { perRound: (r) => ({ proc: { 'sys/kernel/random/entropy_avail': `${r}\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'sys/kernel/random/entropy_avail') },
});

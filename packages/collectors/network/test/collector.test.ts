import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-network';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'net/dev': 'Inter-|\n eth0: 1 2 3\n' }, message: 'dev: expected "<interface>: <16 counters>" lines' },
  leak: {
    perRound: (r) => ({
      proc: { 'net/dev': `Inter-|\n face |\n  eth${r}: ${r} 1 0 0 0 0 0 0 ${r} 1 0 0 0 0 0 0\n  eth0: ${r} 1 0 0 0 0 0 0 ${r} 1 0 0 0 0 0 0\n` },
    }),
  },
  live: { options: { interfaces: [''] }, file: path.join(process.env.HOST_PROC ?? '/proc', 'net/dev') },
});

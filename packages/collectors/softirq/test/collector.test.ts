import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-softirq';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { stat: 'cpu  1 2 3 4\nsoftirq many 1 2\n' }, message: 'stat: expected "softirq <total> <count>..."' },
  leak: { perRound: (r) => ({ proc: { stat: `softirq ${r * 11} ${r} ${r} ${r} ${r} ${r} ${r} ${r} ${r} ${r} ${r} ${r}\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'stat') },
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-vmstat';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { vmstat: 'pgfault lots\n' }, message: 'vmstat: expected "<name> <counter>" lines' },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'vmstat') },
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-uptime';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { uptime: 'soon\n' }, message: 'uptime: expected "<uptime seconds> <idle seconds>"' },
  leak: { perRound: (r) => ({ proc: { uptime: `${r}.50 ${r * 2}.25\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'uptime') },
});

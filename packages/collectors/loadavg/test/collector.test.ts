import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-loadavg';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { loadavg: '0.1 0.2\n' }, message: 'loadavg: expected "<1m> <5m> <15m> <running>/<total> <last pid>"' },
  leak: { perRound: (r) => ({ proc: { loadavg: `${r % 7}.00 0.50 0.25 1/${100 + r} ${r}\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'loadavg') },
});

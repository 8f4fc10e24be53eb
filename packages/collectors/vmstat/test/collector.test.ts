import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-vmstat';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { vmstat: 'pgfault lots\n' }, message: 'vmstat: expected "<name> <counter>" lines' },
  leak: { perRound: (r) => ({ proc: { vmstat: `pgfault ${r * 10}\npgmajfault ${r}\npgpgin 0\npgpgout 0\npswpin 0\npswpout 0\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'vmstat') },
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-pressure';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'pressure/cpu': 'some avg10=x\n' }, message: 'cpu: expected "some|full avg10=.. avg60=.. avg300=.. total=.." lines' },
  leak: { perRound: (r) => ({ proc: { 'pressure/cpu': `some avg10=${r % 100}.00 avg60=1.00 avg300=1.00 total=${r * 1000}\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'pressure/cpu') },
});

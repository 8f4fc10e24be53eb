import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-pressure';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'pressure/cpu': 'some avg10=x\n' }, message: 'cpu: expected "some|full avg10=.. avg60=.. avg300=.. total=.." lines' },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'pressure/cpu') },
});

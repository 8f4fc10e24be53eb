import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-sockstat';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'net/sockstat': 'TCP: inuse many\n' }, message: 'sockstat: expected "<PROTO>: <name> <count> ..." lines' },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'net/sockstat') },
});

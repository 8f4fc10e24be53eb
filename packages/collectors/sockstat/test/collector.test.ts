import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-sockstat';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'net/sockstat': 'TCP: inuse many\n' }, message: 'sockstat: expected "<PROTO>: <name> <count> ..." lines' },
  leak: { perRound: (r) => ({ proc: { 'net/sockstat': `sockets: used ${r}\nTCP: inuse ${r} orphan 0 tw 0 alloc 1 mem 1\nUDP: inuse 1 mem 0\n` } }) },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'net/sockstat') },
});

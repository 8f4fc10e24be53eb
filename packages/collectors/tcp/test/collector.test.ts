import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-tcp';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'net/snmp': 'Tcp: RtoMin RtoMax\nTcp: 200\n' }, message: 'snmp: expected a "Tcp:" value line with 2 numbers after its header' },
  leak: {
    options: { allowed_names: [] },
    perRound: (r) => ({ proc: { 'net/netstat': `TcpExt: Counter${r} ListenDrops\nTcpExt: ${r} ${r}\n`, 'net/snmp': `Tcp: CurrEstab InSegs\nTcp: 3 ${r}\n` } }),
  },
  live: { options: { allowed_names: [] }, file: path.join(process.env.HOST_PROC ?? '/proc', 'net/snmp') },
});

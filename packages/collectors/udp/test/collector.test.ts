import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-udp';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { 'net/snmp': 'Udp: InDatagrams\nUdp: x\n' }, message: 'snmp: expected numbers in the Udp: line' },
  leak: { options: { allowed_names: [] }, perRound: (r) => ({ proc: { 'net/snmp': `Udp: InDatagrams Counter${r}\nUdp: ${r} ${r}\n` } }) },
  live: { options: { allowed_names: [] }, file: path.join(process.env.HOST_PROC ?? '/proc', 'net/snmp') },
});

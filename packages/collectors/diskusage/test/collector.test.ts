import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-diskusage';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { diskstats: ' 8 0 sda 1 2 3 4 5 6 7 8 x 10 11\n' }, message: 'diskstats: expected numeric counters for sda' },
  leak: {
    perRound: (r) => ({
      proc: {
        diskstats: ` 8 0 sd${String.fromCharCode(97 + (r % 26))}${String.fromCharCode(97 + (Math.floor(r / 26) % 26))} ${r} 0 ${r} ${r} ${r} 0 ${r} ${r} 0 ${r} ${r}\n`,
      },
    }),
  },
  live: { options: { send_zero: true, devices: '.' }, file: path.join(process.env.HOST_PROC ?? '/proc', 'diskstats') },
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectorContractSuite } from '@spinel/testing/vitest';
import collector from '@spinel/collector-interrupt';

collectorContractSuite(collector, {
  testcases: fileURLToPath(new URL('./testcases', import.meta.url)),
  garbled: { proc: { interrupts: 'no header\n' }, message: 'interrupts: expected a header of CPU columns' },
  leak: {
    options: { percpu: true },
    perRound: (r) => ({
      proc: { interrupts: `           CPU0       CPU1\n ${r}:  ${r}  ${r}   IO-APIC   2-edge      dev${r}\nLOC:  ${r}  ${r}   Local timer interrupts\n` },
    }),
  },
  live: { file: path.join(process.env.HOST_PROC ?? '/proc', 'interrupts') },
});

import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: '{irq*}.total',
    type: 'rate',
    unit: 'interrupts/s',
    description: 'Interrupts per second for one IRQ on all CPUs; named `<type>.<device>.<irq>` (`IO-APIC-edge.timer.0`) as Diamond names it (see Names).',
  },
  { name: '{irq*}.CPU{n}', type: 'rate', unit: 'interrupts/s', description: 'Interrupts per second for one IRQ on one CPU (off with `percpu: false`).' },
  { name: '{counter}', type: 'rate', unit: 'interrupts/s', description: 'A system-wide count with no per-CPU columns: `ERR`, `MIS`.' },
];

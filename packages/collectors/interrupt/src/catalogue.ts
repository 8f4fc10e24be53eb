import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: '{irq}.total', type: 'rate', unit: 'interrupts/s', description: 'Interrupts per second for an IRQ, all CPUs; numbered IRQs are named <number>_<device> as in Diamond.' },
  { name: '{irq}.{cpu}', type: 'rate', unit: 'interrupts/s', description: 'Interrupts per second for an IRQ on one CPU (with `percpu`).', enabled: false },
];

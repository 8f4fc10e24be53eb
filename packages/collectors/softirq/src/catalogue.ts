import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'total', type: 'rate', unit: 'softirqs/s', description: 'Soft interrupts per second, all kinds.' },
  {
    name: '{kind}',
    type: 'rate',
    unit: 'softirqs/s',
    description:
      "Soft interrupts per second of one kind, numbered as the line's columns (0 HI, 1 TIMER, 2 NET_TX, 3 NET_RX, 4 BLOCK, 5 IRQ_POLL, 6 TASKLET, 7 SCHED, 8 HRTIMER, 9 RCU on current kernels).",
  },
];

import { option } from '@spinel/sdk';
import { IRQ_NAMINGS } from './names.js';

export const options = {
  percpu: option.boolean(
    true,
    'Publish each IRQ per CPU (<irq>.CPU<n>) beside its total, as Diamond does; false keeps only the totals (one series per IRQ instead of one per IRQ and CPU).',
  ),
  irq_names: option.enum(
    IRQ_NAMINGS,
    'diamond',
    "How rows are named: 'diamond' as Diamond's InterruptCollector (dashboards carry over; IRQs 100-999 lose their number and NMI/LOC are named by their description except on two-CPU hosts), 'stable' <type>.<device>.<irq> for every numbered IRQ and the label (NMI, LOC) for the rest.",
  ),
};

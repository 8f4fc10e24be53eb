import { option } from '@spinel/sdk';

export const options = {
  percpu: option.boolean(false, 'Also publish each IRQ per CPU (<irq>.CPU<n>).'),
};

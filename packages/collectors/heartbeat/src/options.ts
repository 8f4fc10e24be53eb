import { option } from '@spinel/sdk';

export const options = {
  ttl: option.number(150, 'Seconds Metricly waits for the next check-in before it raises an alarm (the Metricly agent ships 150 with a 60 s interval).', {
    min: 1,
    integer: true,
  }),
};

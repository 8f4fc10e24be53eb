import { option } from '@spinel/sdk';

export const options = {
  simple: option.boolean(false, 'Publish only 01, 05 and 15 (no normalized values, no process counts).'),
};

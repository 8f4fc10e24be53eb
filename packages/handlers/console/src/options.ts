import { option } from '@spinel/sdk';

export const options = {
  names: option.enum(['full', 'short'], 'full', 'Print the full dotted path, or `<collector>.<short name>`.'),
  fd: option.number(1, 'File descriptor to write to (1 is standard output, 2 standard error).', { integer: true, min: 1 }),
};

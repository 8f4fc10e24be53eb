import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: '{url}.response_code', type: 'gauge', unit: 'code', description: 'The HTTP status code the URL answered (after redirects).' },
  {
    name: '{url}.response_code.{code}',
    type: 'gauge',
    unit: 'flag',
    description: 'Always 1, under the code answered: one series per code seen, to count or alert on.',
  },
];

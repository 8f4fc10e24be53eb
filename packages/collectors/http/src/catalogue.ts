import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: '{url}.time', type: 'gauge', unit: 'microseconds', description: 'From sending the request to the last byte of the page, redirects included.' },
  {
    name: '{url}.size',
    type: 'gauge',
    unit: 'bytes',
    description: "The page's body, as received (after any content decoding the server did not ask for: none).",
  },
];

import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  {
    name: 'devices.{device}.{name*}',
    type: 'gauge',
    unit: 'as the device reports it',
    description: 'The value of a configured OID (or, for a walked one, of each OID under it, the rest of its OID after the name), as the device reports it.',
  },
];

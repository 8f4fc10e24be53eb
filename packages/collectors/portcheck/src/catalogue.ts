import type { Catalogue, CheckSpec } from '@spinel/sdk';

/** It publishes no metrics: its output is check-ins. */
export const catalogue: Catalogue = [];

export const checks: readonly CheckSpec[] = [
  {
    name: '{name}.{number}',
    description: 'A run finds a socket listening on the port: a TCP socket in LISTEN state, or any UDP socket bound to it (IPv4 or IPv6).',
  },
];

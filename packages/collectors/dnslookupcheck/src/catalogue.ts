import type { Catalogue, CheckSpec } from '@spinel/sdk';

/** It publishes no metrics: its output is check-ins. */
export const catalogue: Catalogue = [];

export const checks: readonly CheckSpec[] = [
  { name: '{name}', description: 'A run resolves the name (from `dnsAddressList`) to an IPv4 address within `lookup_timeout`.' },
];

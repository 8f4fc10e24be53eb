import type { Catalogue, CheckSpec } from '@spinel/sdk';

/** It publishes no metrics: its one output is a check-in. */
export const catalogue: Catalogue = [];

export const checks: readonly CheckSpec[] = [{ name: 'heartbeat', description: 'Every run.' }];

import type { Catalogue, CheckSpec } from '@spinel/sdk';

/** It publishes no metrics: its output is check-ins. */
export const catalogue: Catalogue = [];

export const checks: readonly CheckSpec[] = [
  {
    name: '{name}',
    description:
      "A run finds a process of the group whose state is not stopped (T) or dead (X), as the fork's psutil status test: running, sleeping, waiting on disk, traced and zombie processes count.",
  },
];

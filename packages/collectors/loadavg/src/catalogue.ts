import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: '01', type: 'gauge', unit: 'processes', description: 'Load average over 1 minute.' },
  { name: '05', type: 'gauge', unit: 'processes', description: 'Load average over 5 minutes.' },
  { name: '15', type: 'gauge', unit: 'processes', description: 'Load average over 15 minutes.' },
  { name: '01_normalized', type: 'gauge', unit: 'processes per core', description: '01 divided by the number of cores.' },
  { name: '05_normalized', type: 'gauge', unit: 'processes per core', description: '05 divided by the number of cores.' },
  { name: '15_normalized', type: 'gauge', unit: 'processes per core', description: '15 divided by the number of cores.' },
  { name: 'load', type: 'gauge', unit: 'processes', description: 'Load average over 1 minute, with `simple` (in place of 01, 05 and 15).', enabled: false },
  { name: 'load_normalized', type: 'gauge', unit: 'processes per core', description: 'load divided by the number of cores, with `simple`.', enabled: false },
  { name: 'processes_running', type: 'gauge', unit: 'processes', description: 'Runnable scheduling entities.' },
  { name: 'processes_total', type: 'gauge', unit: 'processes', description: 'All scheduling entities (processes and threads).' },
];

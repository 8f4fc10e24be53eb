import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'active_connections', type: 'gauge', unit: 'connections', description: 'Open client connections, idle ones included (`Active connections`).' },
  { name: 'conn_accepted', type: 'rate', unit: 'connections/s', description: 'Client connections accepted (`accepts`).' },
  { name: 'conn_handled', type: 'rate', unit: 'connections/s', description: 'Client connections handled (`handled`; below accepts only when a limit was hit).' },
  { name: 'req_handled', type: 'rate', unit: 'requests/s', description: 'Client requests (`requests`).' },
  { name: 'req_per_conn', type: 'gauge', unit: 'requests', description: 'Requests per handled connection since nginx started.' },
  { name: 'act_reads', type: 'gauge', unit: 'connections', description: 'Connections whose request header nginx is reading (`Reading`).' },
  { name: 'act_writes', type: 'gauge', unit: 'connections', description: 'Connections nginx is writing a response to (`Writing`).' },
  { name: 'act_waits', type: 'gauge', unit: 'connections', description: 'Idle keep-alive connections (`Waiting`).' },
];

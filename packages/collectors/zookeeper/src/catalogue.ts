import type { Catalogue } from '@spinel/sdk';

// mntr's figures differ by ZooKeeper version (3.4 prints 17, 3.8 about 70), so they are declared
// by pattern; the ones every version has are named for their units.
export const catalogue: Catalogue = [
  { name: 'zk_avg_latency', type: 'gauge', unit: 'milliseconds', description: 'Average time the server took to answer a request.' },
  { name: 'zk_max_latency', type: 'gauge', unit: 'milliseconds', description: 'Longest time the server took to answer a request.' },
  { name: 'zk_min_latency', type: 'gauge', unit: 'milliseconds', description: 'Shortest time the server took to answer a request.' },
  {
    name: 'zk_packets_received',
    type: 'gauge',
    unit: 'packets',
    description: 'Packets received since the server started (a running total, as mntr gives it).',
  },
  { name: 'zk_packets_sent', type: 'gauge', unit: 'packets', description: 'Packets sent since the server started (a running total, as mntr gives it).' },
  { name: 'zk_num_alive_connections', type: 'gauge', unit: 'connections', description: 'Client connections open.' },
  { name: 'zk_outstanding_requests', type: 'gauge', unit: 'requests', description: 'Requests queued, not yet answered.' },
  { name: 'zk_znode_count', type: 'gauge', unit: 'znodes', description: 'Znodes in the data tree.' },
  { name: 'zk_watch_count', type: 'gauge', unit: 'watches', description: 'Watches set.' },
  { name: 'zk_ephemerals_count', type: 'gauge', unit: 'znodes', description: 'Ephemeral znodes.' },
  { name: 'zk_approximate_data_size', type: 'gauge', unit: 'bytes', description: 'Size of the data tree.' },
  { name: 'zk_open_file_descriptor_count', type: 'gauge', unit: 'descriptors', description: 'File descriptors the server has open.' },
  { name: 'zk_max_file_descriptor_count', type: 'gauge', unit: 'descriptors', description: "The server's file descriptor limit." },
  {
    name: 'zk_{figure}',
    type: 'gauge',
    unit: 'value',
    description: "Any other numeric mntr figure (a leader's followers and sync figures, 3.5+'s request and session figures), as mntr gives it.",
  },
  { name: '{alias}.zk_{figure}', type: 'gauge', unit: 'value', description: 'The same figures of a server given an alias (`alias@host:port`).' },
];

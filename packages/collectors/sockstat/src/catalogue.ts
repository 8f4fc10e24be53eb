import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'used', type: 'gauge', unit: 'sockets', description: 'Sockets in use, all protocols.' },
  { name: 'tcp_inuse', type: 'gauge', unit: 'sockets', description: 'TCP sockets in use, IPv4 plus IPv6.' },
  { name: 'tcp_orphan', type: 'gauge', unit: 'sockets', description: 'TCP sockets not attached to a file descriptor.' },
  { name: 'tcp_tw', type: 'gauge', unit: 'sockets', description: 'TCP sockets in TIME_WAIT.' },
  { name: 'tcp_alloc', type: 'gauge', unit: 'sockets', description: 'TCP sockets allocated.' },
  { name: 'tcp_mem', type: 'gauge', unit: 'pages', description: 'Pages used by TCP buffers.' },
  { name: 'udp_inuse', type: 'gauge', unit: 'sockets', description: 'UDP sockets in use, IPv4 plus IPv6.' },
  { name: 'udp_mem', type: 'gauge', unit: 'pages', description: 'Pages used by UDP buffers.' },
];

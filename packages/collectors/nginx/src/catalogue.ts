import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'active_connections', type: 'gauge', unit: 'connections', description: 'Open client connections, idle ones included (`Active connections`).' },
  { name: 'conn_accepted', type: 'rate', unit: 'connections/s', description: 'Client connections accepted (`accepts`).' },
  {
    name: 'conn_handled',
    type: 'rate',
    unit: 'connections/s',
    description: 'Client connections handled (`handled`; below accepts only when a limit was hit).',
  },
  { name: 'req_handled', type: 'rate', unit: 'requests/s', description: 'Client requests (`requests`).' },
  { name: 'req_per_conn', type: 'gauge', unit: 'requests', description: 'Requests per handled connection since nginx started.' },
  { name: 'act_reads', type: 'gauge', unit: 'connections', description: 'Connections whose request header nginx is reading (`Reading`).' },
  { name: 'act_writes', type: 'gauge', unit: 'connections', description: 'Connections nginx is writing a response to (`Writing`).' },
  { name: 'act_waits', type: 'gauge', unit: 'connections', description: 'Idle keep-alive connections (`Waiting`).' },
  // NGINX Plus's status document.
  { name: 'conn.active', type: 'gauge', unit: 'connections', description: 'NGINX Plus: client connections open.' },
  { name: 'conn.idle', type: 'gauge', unit: 'connections', description: 'NGINX Plus: idle client connections.' },
  { name: 'conn.{counter}', type: 'rate', unit: 'connections/s', description: 'NGINX Plus: client connections `accepted` and `dropped`.' },
  { name: 'req.current', type: 'gauge', unit: 'requests', description: 'NGINX Plus: requests being served.' },
  { name: 'req.total', type: 'rate', unit: 'requests/s', description: 'NGINX Plus: client requests.' },
  { name: 'servers.{zone}.processing', type: 'gauge', unit: 'requests', description: 'NGINX Plus: requests a server zone is serving.' },
  {
    name: 'servers.{zone}.{counter}',
    type: 'rate',
    unit: 'per second',
    description: "NGINX Plus: a server zone's `requests`, `discarded`, and bytes `received` and `sent`.",
  },
  {
    name: 'servers.{zone}.responses.{code}',
    type: 'rate',
    unit: 'responses/s',
    description: "NGINX Plus: a server zone's responses by class (`2xx`, ..., `total`).",
  },
  { name: 'ssl.{counter}', type: 'rate', unit: 'per second', description: 'NGINX Plus: SSL `handshakes`, `handshakes_failed` and `session_reuses`.' },
  { name: 'upstreams.{upstream}.keepalive', type: 'gauge', unit: 'connections', description: "NGINX Plus: an upstream's idle keep-alive connections." },
  { name: 'upstreams.{upstream}.peers.{peer}.active', type: 'gauge', unit: 'connections', description: "NGINX Plus: a peer's active connections." },
  { name: 'upstreams.{upstream}.peers.{peer}.max_conns', type: 'gauge', unit: 'connections', description: "NGINX Plus: a peer's connection limit." },
  {
    name: 'upstreams.{upstream}.peers.{peer}.{counter}',
    type: 'rate',
    unit: 'per second',
    description: "NGINX Plus: a peer's `downtime` (ms), `fails`, bytes `received` and `sent`, `requests` and `unavail`.",
  },
  { name: 'upstreams.{upstream}.peers.{peer}.responses.{code}', type: 'rate', unit: 'responses/s', description: "NGINX Plus: a peer's responses by class." },
];

import type { RpcLayout } from '@spinel/collector-nfsd';

const V4_OPERATIONS = [
  'null', 'read', 'write', 'commit', 'open', 'open_conf', 'open_noat', 'open_dgrd', 'close', 'setattr', 'fsinfo', 'renew', 'setclntid', 'confirm', 'lock', 'lockt', 'locku', 'access', 'getattr', 'lookup',
  'lookup_root', 'remove', 'rename', 'link', 'symlink', 'create', 'pathconf', 'statfs', 'readlink', 'readdir', 'server_caps', 'delegreturn', 'getacl', 'setacl', 'fs_locations', 'rel_lkowner', 'exchange_id', 'create_ses',
  'destroy_ses', 'sequence', 'get_lease_t', 'reclaim_comp', 'layoutget', 'layoutcommit', 'layoutreturn', 'getdevlist', 'getdevinfo', 'ds_write', 'ds_commit',
  // Diamond names the 50th field getdevlist again, over the 46th, where a kernel has it.
  'getdevlist',
];

/** /proc/net/rpc/nfs, field by field as Diamond's NfsCollector names them. */
export const NFS_LAYOUT: RpcLayout = {
  net: { prefix: 'net', fields: ['packets', 'udpcnt', 'tcpcnt', 'tcpconn'], description: 'Network: packets (`packets`, `udpcnt`, `tcpcnt`) and TCP connections made (`tcpconn`).' },
  rpc: { prefix: 'rpc', fields: ['calls', 'retrans', 'authrefrsh'], description: 'RPC calls made (`calls`), sent again (`retrans`) and credential refreshes (`authrefrsh`).' },
  proc2: {
    prefix: 'v2',
    countFirst: true,
    fields: ['null', 'getattr', 'setattr', 'root', 'lookup', 'readlink', 'read', 'wrcache', 'write', 'create', 'remove', 'rename', 'link', 'symlink', 'mkdir', 'rmdir', 'readdir', 'fsstat'],
    description: 'NFSv2 calls by operation.',
  },
  proc3: {
    prefix: 'v3',
    countFirst: true,
    fields: ['null', 'getattr', 'setattr', 'lookup', 'access', 'readlink', 'read', 'write', 'create', 'mkdir', 'symlink', 'mknod', 'remove', 'rmdir', 'rename', 'link', 'readdir', 'readdirplus', 'fsstat', 'fsinfo', 'pathconf', 'commit'],
    description: 'NFSv3 calls by operation.',
  },
  proc4: { prefix: 'v4', countFirst: true, fields: V4_OPERATIONS, description: 'NFSv4 calls by operation (the 50 Diamond named; a kernel with fewer publishes fewer).' },
};

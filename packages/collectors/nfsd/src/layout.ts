import type { RpcLayout } from './rpc-stats.js';

const PERCENT_BUCKETS = ['10-20-pct', '20-30-pct', '30-40-pct', '40-50-pct', '50-60-pct', '60-70-pct', '70-80-pct', '80-90-pct', '90-100-pct', '100-pct'];

/** /proc/net/rpc/nfsd, field by field as Diamond's NfsdCollector names them. */
export const NFSD_LAYOUT: RpcLayout = {
  rc: { prefix: 'reply_cache', fields: ['hits', 'misses', 'nocache'], description: 'Reply cache: hits, misses and requests that skip the cache (`hits`, `misses`, `nocache`).' },
  fh: { prefix: 'filehandle', fields: ['stale', 'total-lookups', 'anonlookups', 'dir-not-in-cache', 'nodir-not-in-cache'], description: 'File handle lookups: `stale`, `total-lookups`, `anonlookups`, `dir-not-in-cache`, `nodir-not-in-cache`.' },
  io: { prefix: 'input_output', fields: ['bytes-read', 'bytes-written'], description: 'Bytes read from and written to disk (`bytes-read`, `bytes-written`).' },
  th: { prefix: 'threads', fields: ['threads', 'fullcnt', ...PERCENT_BUCKETS], description: 'Server threads (`threads`), times all were busy (`fullcnt`), and the old kernels\' seconds per busy share (`10-20-pct` ... `100-pct`).' },
  ra: { prefix: 'read-ahead', fields: ['cache-size', '10-pct', '20-pct', '30-pct', '40-pct', '50-pct', '60-pct', '70-pct', '80-pct', '90-pct', '100-pct', 'not-found'], description: 'Read-ahead cache (old kernels): `cache-size`, hits by depth (`10-pct` ... `100-pct`), `not-found`.' },
  net: { prefix: 'net', fields: ['cnt', 'udpcnt', 'tcpcnt', 'tcpconn'], description: 'Network: packets (`cnt`, `udpcnt`, `tcpcnt`) and TCP connections accepted (`tcpconn`).' },
  rpc: { prefix: 'rpc', fields: ['cnt', 'badfmt', 'badauth', 'badclnt'], description: 'RPC calls (`cnt`) and those refused: `badfmt`, `badauth`, `badclnt`.' },
  proc2: {
    prefix: 'v2',
    fields: ['unknown', 'null', 'getattr', 'setattr', 'root', 'lookup', 'readlink', 'read', 'wrcache', 'write', 'create', 'remove', 'rename', 'link', 'symlink', 'mkdir', 'rmdir', 'readdir', 'fsstat'],
    description: "NFSv2 operations by name; `unknown` is the line's first field, the count of the fields after it, as Diamond named it.",
  },
  proc3: {
    prefix: 'v3',
    fields: ['unknown', 'null', 'getattr', 'setattr', 'lookup', 'access', 'readlink', 'read', 'write', 'create', 'mkdir', 'symlink', 'mknod', 'remove', 'rmdir', 'rename', 'link', 'readdir', 'readdirplus', 'fsstat', 'fsinfo', 'pathconf', 'commit'],
    description: "NFSv3 operations by name; `unknown` is the line's first field, the count of the fields after it, as Diamond named it.",
  },
  proc4: { prefix: 'v4', fields: ['unknown', 'null', 'compound'], description: "NFSv4 `null` and `compound` calls; `unknown` is the line's first field, the count of the fields after it, as Diamond named it." },
  proc4ops: {
    prefix: 'v4.ops',
    fields: [
      'unknown', 'op0-unused', 'op1-unused', 'op2-future', 'access', 'close', 'commit', 'create', 'delegpurge', 'delegreturn', 'getattr', 'getfh', 'link', 'lock', 'lockt', 'locku', 'lookup', 'lookup_root', 'nverify', 'open',
      'openattr', 'open_conf', 'open_dgrd', 'putfh', 'putpubfh', 'putrootfh', 'read', 'readdir', 'readlink', 'remove', 'rename', 'renew', 'restorefh', 'savefh', 'secinfo', 'setattr', 'setcltid', 'setcltidconf', 'verify', 'write', 'rellockowner',
    ],
    description: "NFSv4 compound operations by name (the first 40, as Diamond read them); `unknown` is the line's first field, the count of the fields after it.",
  },
};

export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { NFS2_PROCEDURES, NFS3_PROCEDURES, NFSD_LAYOUT } from './layout.js';
export { rpcFigures, publishRpcFigures, rpcCatalogue, type RpcLayout, type RpcLine } from './rpc-stats.js';

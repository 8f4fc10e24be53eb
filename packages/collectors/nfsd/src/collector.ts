import { defineCollector, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { NFSD_LAYOUT } from './layout.js';
import { options } from './options.js';
import { publishRpcFigures, rpcFigures } from './rpc-stats.js';

export default defineCollector({
  name: 'nfsd',
  description: "The NFS server's counters from /proc/net/rpc/nfsd as per-second rates (Diamond NfsdCollector's names).",
  path: 'nfsd',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('net', 'rpc', 'nfsd');
    const text = await readOptionalFile(file, ctx.signal);
    if (text !== undefined) publishRpcFigures(ctx, rpcFigures(text, file, NFSD_LAYOUT));
  },
});

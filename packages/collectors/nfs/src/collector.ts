import { defineCollector, readOptionalFile } from '@spinel/sdk';
import { publishRpcFigures, rpcFigures } from '@spinel/collector-nfsd';
import { catalogue } from './catalogue.js';
import { NFS_LAYOUT } from './layout.js';
import { options } from './options.js';

export default defineCollector({
  name: 'nfs',
  description: "The NFS client's counters from /proc/net/rpc/nfs as per-second rates (Diamond NfsCollector's names).",
  path: 'nfs',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('net', 'rpc', 'nfs');
    const text = await readOptionalFile(file, ctx.signal);
    if (text !== undefined) publishRpcFigures(ctx, rpcFigures(text, file, NFS_LAYOUT));
  },
});

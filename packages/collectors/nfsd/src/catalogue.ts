import type { Catalogue } from '@spinel/sdk';
import { NFSD_LAYOUT } from './layout.js';
import { rpcCatalogue } from './rpc-stats.js';

export const catalogue: Catalogue = rpcCatalogue(NFSD_LAYOUT);
